namespace NhiPortal.Core.Usage;

/// <summary>What a SecurityOperator or Administrator does with a flag; each step is audited on the credential's stream.</summary>
public interface IAnomalyTriage
{
    Task AcknowledgeAsync(Guid flagId, string reason, CancellationToken ct = default);

    /// <summary>Closes the flag and tunes the credential's baseline so the same use does not flag again.</summary>
    Task MarkFalsePositiveAsync(Guid flagId, string reason, CancellationToken ct = default);

    /// <summary>Records that a revocation run was started from this flag (the run itself is started through IRevocationService).</summary>
    Task MarkRevokedAsync(Guid flagId, Guid revocationRunId, CancellationToken ct = default);
}
