namespace NhiPortal.Core.Discovery;

/// <summary>What operators do with discovery: sync now, confirm proposed owners, settle a conflict.</summary>
public interface IDiscoveryCommands
{
    /// <summary>Asks for a sync of the source; the discovery job runs it within seconds, under its lease.</summary>
    Task RequestSyncAsync(string source, CancellationToken ct = default);

    /// <summary>Makes each identity's proposed owner its owner, all or nothing; returns how many were confirmed.</summary>
    Task<int> ConfirmProposedOwnersAsync(IReadOnlyCollection<Guid> identityIds, CancellationToken ct = default);

    /// <summary>Closes a conflict with a reason: the portal's value stands (it always did); this records that a person looked.</summary>
    Task ResolveConflictAsync(Guid conflictId, string reason, CancellationToken ct = default);
}
