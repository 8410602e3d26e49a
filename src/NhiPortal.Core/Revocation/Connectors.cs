using NhiPortal.Core.Credentials;

namespace NhiPortal.Core.Revocation;

/// <summary>
/// What a connector needs to act on one credential: where it lives and its fingerprint (to compare with what a store
/// reports), never its value. <see cref="Fingerprint"/> prints shortened, so a log line cannot leak it whole.
/// </summary>
public sealed record CredentialRef(Guid CredentialId, string Name, CredentialKind Kind, string Store, string StoreReference, Fingerprint Fingerprint,
    RevocationContext? Run = null);

/// <summary>Why a connector is asked to act: the run and its reason (the incident id), so the store's own log can say so too.</summary>
public sealed record RevocationContext(Guid RunId, string Reason);

/// <summary>
/// A revoke's outcome. <see cref="Retryable"/> false: trying again cannot help (the target is not found, or the connector
/// refuses it as outside what it may manage), so the step needs a person rather than another attempt.
/// </summary>
public sealed record ConnectorResult(bool Succeeded, string Detail, bool Retryable = true)
{
    public static ConnectorResult Ok(string detail) => new(true, detail);
    public static ConnectorResult Failed(string detail) => new(false, detail);

    /// <summary>A failure another attempt cannot fix: not found, or refused.</summary>
    public static ConnectorResult Final(string detail) => new(false, detail, Retryable: false);
}

/// <summary>A rotation's outcome. <see cref="OneTimeSecret"/> is handed to the operator once and never stored.</summary>
public sealed record RotationResult(bool Succeeded, string Detail, Fingerprint? NewFingerprint = null, DateTime? ExpiresUtc = null, string? OneTimeSecret = null, string? DeliveredTo = null);

/// <summary>
/// Whether the old proof is still accepted: <see cref="StillAccepted"/> true after a revoke is a loud failure.
/// <see cref="TargetFound"/> false: the store has no such account, so nothing was verified; a missing target is never
/// a success ("not found: cannot verify"). Such a result is also not <see cref="Verifiable"/>, so a reader that knows
/// only that flag never counts it as verified dead.
/// </summary>
public sealed record ProbeResult(bool StillAccepted, string Detail, bool Verifiable = true, bool TargetFound = true)
{
    public static ProbeResult NotFound(string detail) => new(false, detail, Verifiable: false, TargetFound: false);
}

/// <summary>
/// One per store kind, registered by configuration (<c>Connectors:&lt;name&gt;:Kind</c>). Timeouts, retries and
/// parallelism belong to the run, not the connector; revoke must be idempotent.
/// </summary>
public interface ICredentialConnector
{
    /// <summary>The configured name a credential's <see cref="Credential.Store"/> points at.</summary>
    string Name { get; }

    /// <summary>postgresql, oauth, webhook, manual.</summary>
    string Kind { get; }

    bool CanRotate { get; }

    /// <summary>One sentence for the blast-radius dialog: what revoking will do there.</summary>
    string Describe(CredentialRef credential);

    Task<ConnectorResult> RevokeAsync(CredentialRef credential, CancellationToken ct);

    Task<RotationResult> RotateAsync(CredentialRef credential, CancellationToken ct);

    Task<ProbeResult> ProbeAsync(CredentialRef credential, CancellationToken ct);
}

/// <summary>Connectors that can revoke a token someone holds (RFC 7009) and ask whether it is still active (RFC 7662).</summary>
public interface ITokenRevoker
{
    Task<bool> RevokeTokenAsync(string token, CancellationToken ct);

    Task<bool> IsActiveAsync(string token, CancellationToken ct);
}

/// <summary>Connectors that hand a rotated secret to the workload's secret store themselves, so rotation can run unattended.</summary>
public interface ISecretDelivery
{
    bool DeliversRotatedSecrets { get; }
}

public interface IConnectorRegistry
{
    /// <summary>The connector that serves a store, or null when none is configured.</summary>
    ICredentialConnector? For(string store);

    IReadOnlyList<ICredentialConnector> All { get; }
}
