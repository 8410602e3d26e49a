using NhiPortal.Core.Credentials;

namespace NhiPortal.Core.Discovery;

/// <summary>The portal's current credential for a discovered account.</summary>
public sealed record KnownCredential
{
    public required Guid CredentialId { get; init; }

    public required CredentialState State { get; init; }

    public required Fingerprint Fingerprint { get; init; }

    public DateTime IssuedUtc { get; init; }

    public DateTime? ExpiresUtc { get; init; }

    public DateTime? LastUsedUtc { get; init; }

    public DateTime? GoneUtc { get; init; }

    /// <summary>When it last changed state (for a revoked one: when the portal revoked it).</summary>
    public DateTime? StateChangedUtc { get; init; }
}
