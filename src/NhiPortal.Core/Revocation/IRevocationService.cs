
namespace NhiPortal.Core.Revocation;

public interface IRevocationService
{
    /// <summary>The dry run: what would be revoked, where, through which connector; nothing changes (Operators, Administrators).</summary>
    Task<BlastRadius> PreviewAsync(RevocationRequest request, CancellationToken ct = default);

    /// <summary>Validates, records the run and its steps, queues it, and returns at once; progress is read with <see cref="IRevocationRunQueries.GetRunAsync"/>.</summary>
    Task<Guid> StartAsync(RevocationRequest request, CancellationToken ct = default);

    /// <summary>Re-runs only the steps that are not final (failed, probe failed, pending after an interruption).</summary>
    Task RetryAsync(Guid runId, CancellationToken ct = default);

    /// <summary>Records that a person revoked a credential in its store by hand (the manual connector): who, when, how.</summary>
    Task RecordManualRevocationAsync(Guid credentialId, string note, CancellationToken ct = default);

    /// <summary>
    /// Revokes a leaked token someone holds (RFC 7009) through an OAuth connector, then asks the provider whether it
    /// is still active (RFC 7662). The token is used for these two calls only: the portal keeps its fingerprint.
    /// </summary>
    Task<PresentedTokenResult> RevokePresentedTokenAsync(string connector, string token, string reason, CancellationToken ct = default);

    /// <summary>Rotates one credential through its connector; the new secret is returned once, never stored.</summary>
    Task<RotationResult> RotateAsync(Guid credentialId, string reason, CancellationToken ct = default);
}
