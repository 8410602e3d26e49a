using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Discovery;

/// <summary>
/// One account as a source reports it: what the principal is, and the credential it presents there. The source's
/// <see cref="ExternalId"/> (a DN, a role name, a client UUID) is the key that makes every sync idempotent.
/// </summary>
public sealed record DiscoveredAccount
{
    public required string ExternalId { get; init; }

    public required string Name { get; init; }

    public required IdentityKind Kind { get; init; }

    /// <summary>The source's description or comment, when it has one; otherwise a sentence naming the source.</summary>
    public string? Description { get; init; }

    /// <summary>Disabled, locked or NOLOGIN in the source.</summary>
    public bool Disabled { get; init; }

    /// <summary>What the source says about the owner (a DN, an e-mail address, a name): a hint, never an assignment.</summary>
    public string? OwnerHint { get; init; }

    /// <summary>Groups, role memberships, client scopes: sorted, as the source names them.</summary>
    public IReadOnlyList<string> Entitlements { get; init; } = [];

    public PrivilegeLevel Privilege { get; init; } = PrivilegeLevel.Low;

    public DateTime? CreatedUtc { get; init; }

    public required DiscoveredCredential Credential { get; init; }
}
