using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Discovery;

/// <summary>What the portal holds for one account a source found earlier: the identity and its current credential.</summary>
public sealed record KnownAccount
{
    public required Guid IdentityId { get; init; }

    /// <summary>The source's own id (without the portal's "&lt;source&gt;:" prefix).</summary>
    public required string ExternalId { get; init; }

    public required string Name { get; init; }

    public required IdentityLifecycleState State { get; init; }

    /// <summary>True when the state was last set from the source's observation; false when a person or a run set it.</summary>
    public bool StateFromSource { get; init; }

    public Guid? OwnerId { get; init; }

    public string? OwnerName { get; init; }

    public string? OwnerHint { get; init; }

    public Guid? ProposedOwnerId { get; init; }

    public required PrivilegeLevel Privilege { get; init; }

    public IReadOnlyList<string> Entitlements { get; init; } = [];

    public DateTime? GoneUtc { get; init; }

    public KnownCredential? Credential { get; init; }
}
