using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Usage;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Usage;

/// <summary>
/// Closing a flag (SecurityOperators and Administrators): acknowledged with a reason, a false positive with a reason
/// that also tunes the credential's baseline, or revoked through a run started from it. Each is audited on the
/// credential's stream, with a rescore, since open flags count against the score.
/// </summary>
public sealed class AnomalyTriage(
    IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, AuditWriter audit, FollowUps followUps, UsageOptions options, TimeProvider clock)
    : IAnomalyTriage
{
    public Task AcknowledgeAsync(Guid flagId, string reason, CancellationToken ct = default) =>
        CloseAsync(flagId, AnomalyStatus.Acknowledged, Reasons.Require(reason), null, AuditEventTypes.Credential.AnomalyAcknowledged, ct);

    public Task MarkFalsePositiveAsync(Guid flagId, string reason, CancellationToken ct = default) =>
        CloseAsync(flagId, AnomalyStatus.FalsePositive, Reasons.Require(reason), null, AuditEventTypes.Credential.AnomalyFalsePositive, ct);

    public Task MarkRevokedAsync(Guid flagId, Guid revocationRunId, CancellationToken ct = default) =>
        CloseAsync(flagId, AnomalyStatus.Revoked, $"Revocation run {revocationRunId:D} started from this flag.", revocationRunId, AuditEventTypes.Credential.AnomalyRevoked, ct);

    private async Task CloseAsync(Guid flagId, AnomalyStatus status, string reason, Guid? runId, string auditType, CancellationToken ct)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.TriageAnomalies);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var flag = await db.AnomalyFlags.SingleOrDefaultAsync(f => f.Id == flagId, ct) ?? throw new NotFoundException($"Anomaly flag {flagId}");
        if (flag.Status != AnomalyStatus.Open && !(status == AnomalyStatus.Revoked && flag.Status == AnomalyStatus.Acknowledged))
        {
            throw new ValidationException($"This flag is already {flag.Status.ToString().ToLowerInvariant()}.");
        }
        if (runId is { } id && !await db.RevocationSteps.AnyAsync(s => s.RunId == id && s.CredentialId == flag.CredentialId, ct))
        {
            throw new ValidationException("That revocation run does not revoke this flag's credential.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var before = new { Status = flag.Status.ToString() };
        object? tuned = null;
        if (status == AnomalyStatus.FalsePositive)
        {
            tuned = await TuneAsync(db, flag, now, ct);
        }
        (flag.Status, flag.ResolvedBy, flag.ResolutionReason, flag.ResolvedUtc, flag.RevocationRunId) = (status, user.DisplayName, reason, now, runId ?? flag.RevocationRunId);
        var name = await db.Credentials.Where(c => c.Id == flag.CredentialId).Select(c => c.Name).SingleOrDefaultAsync(ct) ?? "(deleted credential)";
        audit.Append(db, AuditStream.Credential, auditType, user, "Credential", AuditWriter.TargetKey(flag.CredentialId),
            $"{name}: {AnomalyRules.Label(flag.Rule).ToLowerInvariant()} flag {status switch
            {
                AnomalyStatus.Acknowledged => "acknowledged",
                AnomalyStatus.FalsePositive => "marked a false positive; the baseline now accepts it",
                AnomalyStatus.Revoked => "closed by a revocation run",
                AnomalyStatus.Open => "reopened",
            }}. Reason: {reason}", before, new { Status = status.ToString(), Flag = flag.Id, Reason = reason, Run = runId, Tuned = tuned },
            runId is { } run ? Revocation.RevocationService.Correlation(run) : null);
        if (flag.IdentityId is { } identity)
        {
            followUps.Rescore(db, user, [identity], "anomaly flag closed");
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private async Task<object> TuneAsync(NhiPortalDbContext db, AnomalyFlag flag, DateTime now, CancellationToken ct)
    {
        var evidence = JsonSerializer.Deserialize<AnomalyEvidence>(flag.EvidenceJson, FlagWriter.Json) ?? new AnomalyEvidence();
        var baseline = await db.UsageBaselines.SingleOrDefaultAsync(b => b.CredentialId == flag.CredentialId, ct);
        if (baseline is null)
        {
            baseline = new UsageBaseline { CredentialId = flag.CredentialId, FirstSeenUtc = flag.ObservedUtc, LastSeenUtc = flag.ObservedUtc, HourOfWeek = HourOfWeek.Format(new int[HourOfWeek.Slots]) };
            db.UsageBaselines.Add(baseline);
        }
        BaselineLearner.Tune(baseline, flag.Rule, evidence, options, now);
        return new { baseline.Networks, baseline.VolumeAllowance, evidence.HourOfWeekSlot };
    }
}
