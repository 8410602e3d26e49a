using NhiPortal.Core.Credentials;

namespace NhiPortal.Core.Revocation;

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
