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

    /// <summary>
    /// The version (<see cref="Inventory.IdentityRow.Version"/>) of each identity as the form showed it; an identity
    /// changed since then is refused with who changed it. An identity not listed is checked only against changes made
    /// while this one is being saved (the database's check).
    /// </summary>
    public IReadOnlyDictionary<Guid, int>? ShownVersions { get; init; }
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

    public static string? ValidateReason(string? reason) =>
        Common.Reasons.Problem(reason, "Give a reason; it is recorded in the audit log");

    /// <summary>
    /// An attestation is current for the hygiene policy's attestation window (<c>AttestationDays</c>), the same
    /// window the score's AttestationOverdue factor uses; it is due soon in the window's last 14 days (or last third).
    /// </summary>
    public static AttestationStatus AttestationStatusAt(DateTime? lastAttestedUtc, DateTime nowUtc, int windowDays)
    {
        if (lastAttestedUtc is null)
        {
            return AttestationStatus.Never;
        }
        var age = nowUtc - lastAttestedUtc.Value;
        var window = TimeSpan.FromDays(windowDays);
        var dueSoon = TimeSpan.FromDays(Math.Min(14, windowDays / 3.0));
        return age > window ? AttestationStatus.Overdue : age > window - dueSoon ? AttestationStatus.DueSoon : AttestationStatus.Current;
    }
}

public enum AttestationStatus
{
    Never,
    Overdue,
    DueSoon,
    Current,
}
