using NhiPortal.Core.Revocation;

namespace NhiPortal.Infrastructure.Tests.Leaks;

/// <summary>A connector that revokes at once and whose probe then finds the old proof refused: every step verifies.</summary>
internal sealed class InstantConnector(string name) : ICredentialConnector
{
    public List<string> Revoked { get; } = [];
    public string Name => name;
    public string Kind => "instant";
    public bool CanRotate => false;
    public string Describe(CredentialRef credential) => $"instant {credential.StoreReference}";

    public Task<ConnectorResult> RevokeAsync(CredentialRef credential, CancellationToken ct)
    {
        lock (Revoked)
        {
            Revoked.Add(credential.StoreReference);
        }
        return Task.FromResult(ConnectorResult.Ok("revoked"));
    }

    public Task<RotationResult> RotateAsync(CredentialRef credential, CancellationToken ct) => throw new NotSupportedException();

    public Task<ProbeResult> ProbeAsync(CredentialRef credential, CancellationToken ct) => Task.FromResult(new ProbeResult(false, "refused"));
}
