using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;

namespace NhiPortal.Core.Revocation;

/// <summary>
/// What to revoke: a set of credentials (one, an identity's, or a selection across identities). The reason carries
/// the incident id. Credentials in stores without a connector are included only when the operator confirms they
/// revoke them by hand (<see cref="IncludeManual"/>).
/// </summary>
public sealed record RevocationRequest(IReadOnlyList<Guid> CredentialIds, string Reason, Guid? IdentityId = null, bool DisableIdentity = false, bool IncludeManual = false);

public sealed record BlastRadiusItem(
    Guid CredentialId, string Name, CredentialKind Kind, Guid? IdentityId, string? Identity, bool IdentityShared,
    string Store, string? Connector, string? ConnectorKind, string Action, DateTime? LastUsedUtc, string? LastUsedBy, CredentialState State);

/// <summary>The dry run: everything the run would touch, and how, before anything happens.</summary>
public sealed record BlastRadius(IReadOnlyList<BlastRadiusItem> Items, IReadOnlyList<string> SharedIdentities, string? IdentityName, bool IdentityDisabled)
{
    public int WillRevoke => Items.Count(i => i.State == CredentialState.Active);
    public int ThroughConnectors => Items.Count(i => i.State == CredentialState.Active && i.Connector is not null && i.ConnectorKind != "manual");
    public int Manual => Items.Count(i => i.State == CredentialState.Active && (i.Connector is null || i.ConnectorKind == "manual"));
    public int AlreadyInactive => Items.Count(i => i.State != CredentialState.Active);
}

public sealed record RevocationStepView(
    long Id, Guid CredentialId, string CredentialName, string Connector, RevocationStepStatus Status, int Attempts, string? Detail,
    DateTime? RevokedUtc, DateTime? VerifiedUtc, long? DurationMs);

public sealed record RevocationRunView(
    Guid Id, string Reason, string RequestedByName, DateTime RequestedUtc, DateTime? StartedUtc, DateTime? CompletedUtc,
    RevocationRunStatus Status, Guid? IdentityId, string? IdentityName, bool DisableIdentity, int Executions, IReadOnlyList<RevocationStepView> Steps)
{
    public bool IsFinished => Status is RevocationRunStatus.Completed or RevocationRunStatus.PartiallyFailed or RevocationRunStatus.Interrupted;
    public int Count(RevocationStepStatus status) => Steps.Count(s => s.Status == status);
    public TimeSpan? Duration => CompletedUtc - RequestedUtc;
}

public sealed record RevocationRunRow(
    Guid Id, string Reason, string RequestedByName, DateTime RequestedUtc, DateTime? CompletedUtc, RevocationRunStatus Status,
    string? IdentityName, int Steps, int Failed);

public interface IRevocationService
{
    /// <summary>The dry run: what would be revoked, where, through which connector; nothing changes (Operators, Administrators).</summary>
    Task<BlastRadius> PreviewAsync(RevocationRequest request, CancellationToken ct = default);

    /// <summary>Validates, records the run and its steps, queues it, and returns at once; progress is read with <see cref="GetRunAsync"/>.</summary>
    Task<Guid> StartAsync(RevocationRequest request, CancellationToken ct = default);

    /// <summary>Re-runs only the steps that are not final (failed, probe failed, pending after an interruption).</summary>
    Task RetryAsync(Guid runId, CancellationToken ct = default);

    Task<RevocationRunView> GetRunAsync(Guid runId, CancellationToken ct = default);

    Task<Page<RevocationRunRow>> ListRunsAsync(PageRequest page, CancellationToken ct = default);

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

public sealed record PresentedTokenResult(bool Revoked, bool StillActive, string FingerprintShort, string? MatchedCredential, Guid? RunId);
