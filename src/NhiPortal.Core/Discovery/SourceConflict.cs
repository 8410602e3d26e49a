namespace NhiPortal.Core.Discovery;

/// <summary>
/// A source disagreeing with a decision a person made in the portal (an owner, a disable, a revocation): the portal's
/// value stands and the disagreement is listed until someone resolves it or the source comes round.
/// </summary>
public sealed class SourceConflict
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string Source { get; set; }

    public Guid IdentityId { get; set; }

    public Guid? CredentialId { get; set; }

    /// <summary>What disagrees: owner, state, credential-state.</summary>
    public required string Field { get; set; }

    public required string PortalValue { get; set; }

    public required string SourceValue { get; set; }

    /// <summary>Critical: a credential the portal revoked is enabled again in its source.</summary>
    public bool Critical { get; set; }

    public DateTime FirstObservedUtc { get; set; }

    public DateTime LastObservedUtc { get; set; }

    public DateTime? ResolvedUtc { get; set; }

    public string? ResolvedBy { get; set; }
}
