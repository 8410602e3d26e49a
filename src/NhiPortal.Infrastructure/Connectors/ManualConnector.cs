using NhiPortal.Core.Revocation;

namespace NhiPortal.Infrastructure.Connectors;

/// <summary>
/// A person revokes the credential in its store and the portal records who and when. Nothing can be probed, so a
/// manual step ends as Revoked, never Verified.
/// </summary>
public sealed class ManualConnector : ICredentialConnector
{
    /// <summary>Stateless: the one instance every unconnected store falls back to.</summary>
    public static readonly ManualConnector Instance = new();

    public string Name => RevocationStep.ManualConnectorName;

    public string Kind => ConnectorKinds.Manual;

    public bool CanRotate => false;

    public string Describe(CredentialRef credential) =>
        $"no connector for \"{credential.Store}\": you revoke \"{credential.StoreReference}\" there by hand; the portal records it";

    public Task<ConnectorResult> RevokeAsync(CredentialRef credential, CancellationToken ct) =>
        Task.FromResult(ConnectorResult.Ok($"recorded as revoked by hand in {credential.Store}"));

    public Task<RotationResult> RotateAsync(CredentialRef credential, CancellationToken ct) =>
        Task.FromResult(new RotationResult(false, "a manual credential is rotated in its store; record the new expiry in the portal"));

    public Task<ProbeResult> ProbeAsync(CredentialRef credential, CancellationToken ct) =>
        Task.FromResult(new ProbeResult(false, "manual revocation: not verifiable by the portal", Verifiable: false));
}
