namespace NhiPortal.Core.Ownership;

/// <summary>
/// Assign, transfer or remove the owner (and optionally the team) of one or many identities. A reason is required:
/// it is what the audit trail shows an auditor.
/// </summary>
public sealed record OwnerChange(IReadOnlyList<Guid> IdentityIds, Guid? NewOwnerId, string Reason)
{
    /// <summary>When true the team is set to <see cref="NewTeamId"/> (null clears it); when false the team is kept.</summary>
    public bool ChangeTeam { get; init; }

    public Guid? NewTeamId { get; init; }
}

public sealed record OwnerChangeResult(int Changed, int Unchanged, string CorrelationId);

public interface IOwnershipService
{
    Task<OwnerChangeResult> ChangeOwnerAsync(OwnerChange change, CancellationToken ct = default);

    /// <summary>The owner confirms "I own this and it is still needed".</summary>
    Task<DateTime> AttestAsync(Guid identityId, CancellationToken ct = default);

    /// <summary>The directory says this person has left: everything they own becomes an orphan at once.</summary>
    Task<int> MarkStaffLeftAsync(Guid staffId, string reason, CancellationToken ct = default);
}

public static class OwnershipRules
{
    public const int MinimumReasonLength = Common.Reasons.Minimum;

    /// <summary>How long an attestation stays fresh; after this the identity is due for a new one.</summary>
    public static readonly TimeSpan AttestationValidity = TimeSpan.FromDays(90);

    public static string? ValidateReason(string? reason) =>
        Common.Reasons.Problem(reason, "Give a reason; it is recorded in the audit log");

    public static AttestationStatus AttestationStatusAt(DateTime? lastAttestedUtc, DateTime nowUtc) =>
        lastAttestedUtc is null ? AttestationStatus.Never
        : nowUtc - lastAttestedUtc.Value > AttestationValidity ? AttestationStatus.Overdue
        : nowUtc - lastAttestedUtc.Value > AttestationValidity - TimeSpan.FromDays(14) ? AttestationStatus.DueSoon
        : AttestationStatus.Current;
}

public enum AttestationStatus
{
    Never,
    Overdue,
    DueSoon,
    Current,
}
