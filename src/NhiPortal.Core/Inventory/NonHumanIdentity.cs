using NhiPortal.Core.Ownership;

namespace NhiPortal.Core.Inventory;

/// <summary>
/// The durable record of who or what a principal is. Its credentials have their own lifecycle
/// (see <see cref="Credentials.Credential"/>); this record outlives every one of them.
/// </summary>
public sealed class NonHumanIdentity
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>The identifier in the source system, so re-imports and discovery are idempotent.</summary>
    public string? ExternalId { get; set; }

    public required string Name { get; set; }

    public required IdentityKind Kind { get; set; }

    public required string Purpose { get; set; }

    public required DeploymentEnvironment Environment { get; set; }

    public required string SourceSystem { get; set; }

    public IdentityLifecycleState LifecycleState { get; set; } = IdentityLifecycleState.Active;

    public Guid? OwnerId { get; set; }

    public StaffMember? Owner { get; set; }

    public Guid? TeamId { get; set; }

    public Team? Team { get; set; }

    public PrivilegeLevel PrivilegeLevel { get; set; } = PrivilegeLevel.Low;

    public List<string> Entitlements { get; set; } = [];

    public bool IsShared { get; set; }

    public bool IsBreakGlass { get; set; }

    public bool IsVendorManaged { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>The discovery source that found it (null when imported or typed); such an identity has no owner until one is confirmed.</summary>
    public string? DiscoveredBy { get; set; }

    public DateTime? DiscoveredUtc { get; set; }

    /// <summary>When a complete read of its source no longer listed it: marked, never deleted.</summary>
    public DateTime? GoneFromSourceUtc { get; set; }

    /// <summary>What the source says about the owner, verbatim (a DN, an e-mail, a name).</summary>
    public string? OwnerHint { get; set; }

    /// <summary>The staff member the hint matches exactly, proposed until an operator confirms it.</summary>
    public Guid? ProposedOwnerId { get; set; }

    /// <summary>
    /// True when <see cref="LifecycleState"/> was last set from what a source observed (disabled there); false when a
    /// person or a run set it, and then the source's "enabled" is a conflict, never an override.
    /// </summary>
    public bool StateFromSource { get; set; }

    /// <summary>The planned end (end of that UTC day): reminders before it, decommissioned on it (<see cref="Requests.IdentityEndDate"/>).</summary>
    public DateTime? EndsUtc { get; set; }

    /// <summary>When the end-date job acted on <see cref="EndsUtc"/> (once per end; moving the end clears it).</summary>
    public DateTime? EndReachedUtc { get; set; }

    public DateTime? LastActivityUtc { get; set; }

    public DateTime? LastAttestedUtc { get; set; }

    /// <summary>Hygiene score 0-100 from the last rescore: the weakest credential adjusted by the identity's own factors.</summary>
    public int? HygieneScore { get; set; }

    public List<Credentials.Credential> Credentials { get; set; } = [];

    /// <summary>Bumped by every owner or team change and checked by the database, so a second edit made from a stale form is refused.</summary>
    public int Version { get; set; }
}
