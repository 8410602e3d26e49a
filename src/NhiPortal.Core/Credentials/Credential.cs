using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Credentials;

/// <summary>
/// The revocable proof an identity presents. Only metadata and a fingerprint are kept, never the secret's value.
/// A credential with no identity is a shadow credential: found in a store, owned by nobody.
/// </summary>
public sealed class Credential
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public string? ExternalId { get; set; }

    public required string Name { get; set; }

    public required CredentialKind Kind { get; set; }

    public Guid? IdentityId { get; set; }

    public NonHumanIdentity? Identity { get; set; }

    public required string Purpose { get; set; }

    /// <summary>The store or connector that holds it (e.g. "vault", "postgresql", "entra").</summary>
    public required string Store { get; set; }

    /// <summary>Where in that store: a path, role name or key id; never the value.</summary>
    public required string StoreReference { get; set; }

    public required Fingerprint Fingerprint { get; set; }

    public required DateTime IssuedUtc { get; set; }

    public DateTime? ExpiresUtc { get; set; }

    public DateTime? LastRotatedUtc { get; set; }

    public DateTime? LastUsedUtc { get; set; }

    /// <summary>Where <see cref="LastUsedUtc"/> came from and how far it can lag (AD's lastLogonTimestamp: 9-14 days).</summary>
    public string? LastUsedNote { get; set; }

    /// <summary>The discovery source that found it (null when imported or typed).</summary>
    public string? DiscoveredBy { get; set; }

    /// <summary>When a complete read of its source no longer listed it.</summary>
    public DateTime? GoneFromSourceUtc { get; set; }

    /// <summary>Dynamic credentials are minted on demand with a time to live; static ones live until someone acts.</summary>
    public bool IsDynamic { get; set; }

    public TimeSpan? TimeToLive { get; set; }

    public CredentialState State { get; set; } = CredentialState.Active;

    public DateTime? StateChangedUtc { get; set; }

    public Guid? PredecessorId { get; set; }

    /// <summary>Hygiene score 0-100 from the last rescore (null when not active); the grade and reasons derive from it.</summary>
    public int? HygieneScore { get; set; }

    /// <summary>Bumped by every hand edit of the tracked dates and checked by the database, so a second edit made from a stale form is refused.</summary>
    public int Version { get; set; }
}
