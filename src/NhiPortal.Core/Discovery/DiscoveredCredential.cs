using NhiPortal.Core.Credentials;

namespace NhiPortal.Core.Discovery;

/// <summary>
/// The proof an account presents in its source, as metadata: never the value. <see cref="Fingerprint"/> is the SHA-256
/// of the value where the source hands it over (then reuse is noticed), otherwise of the source's own version marker
/// (the account and its password-change time), so a change of password shows up as a new fingerprint.
/// </summary>
public sealed record DiscoveredCredential
{
    public required string ExternalId { get; init; }

    public required string Name { get; init; }

    public required CredentialKind Kind { get; init; }

    /// <summary>Where in the store: the DN, role name or client id the connector acts on.</summary>
    public required string StoreReference { get; init; }

    public required Fingerprint Fingerprint { get; init; }

    /// <summary>When the current value was set (pwdLastSet, pwdChangedTime, client.secret.creation.time).</summary>
    public DateTime? IssuedUtc { get; init; }

    public DateTime? ExpiresUtc { get; init; }

    public DateTime? LastUsedUtc { get; init; }

    /// <summary>How far <see cref="LastUsedUtc"/> can be behind, said to the reader (AD's lastLogonTimestamp lags 9-14 days).</summary>
    public string? LastUsedNote { get; init; }

    /// <summary>False when the source refuses it (disabled account, NOLOGIN, expired VALID UNTIL).</summary>
    public bool Enabled { get; init; } = true;
}
