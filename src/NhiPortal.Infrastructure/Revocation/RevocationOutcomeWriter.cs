using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Revocation;

/// <summary>
/// The one writer of a run's outcomes: in batches, each batch's steps, credential states, credential events and the
/// rescore of the identities touched in one transaction, with the run's heartbeat.
/// </summary>
public sealed class RevocationOutcomeWriter(IDbContextFactory<NhiPortalDbContext> dbFactory, AuditWriter audit, TimeProvider clock, FollowUps followUps,
    IRevocationRunEvents runEvents)
{
    internal const int FlushBatch = 250;

    internal async Task WriteAsync(Guid runId, PortalUser actor, ChannelReader<RevocationOutcome> reader, CancellationToken ct)
    {
        var batch = new List<RevocationOutcome>(FlushBatch);
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < FlushBatch && reader.TryRead(out var outcome))
            {
                batch.Add(outcome);
            }
            await FlushAsync(runId, actor, batch, ct);
            batch.Clear();
        }
    }

    private async Task FlushAsync(Guid runId, PortalUser actor, List<RevocationOutcome> batch, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return;
        }
        var correlation = RevocationService.Correlation(runId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Every change below is marked by hand; detecting changes over the batch would only cost time.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var counts = await StepCountChangesAsync(db, batch, ct);
        var events = new List<AuditEvent>(batch.Count * 2);
        void Event(string type, string key, string summary, object after) =>
            events.Add(audit.Create(AuditStream.Credential, type, actor, "Credential", key, summary, null, after, correlation));
        foreach (var o in batch)
        {
            var step = new RevocationStep { Id = o.StepId, CredentialId = o.CredentialId, CredentialName = o.CredentialName, Connector = "" };
            db.RevocationSteps.Attach(step);
            step.Status = o.Status;
            step.Attempts = o.Attempts;
            step.Detail = RevocationExecutor.Truncate(o.Detail);
            step.RevokedUtc = o.RevokedUtc;
            step.VerifiedUtc = o.VerifiedUtc;
            step.DurationMs = o.DurationMs;
            // Attach marks nothing as modified; name exactly what changed.
            foreach (var property in new[] { nameof(step.Status), nameof(step.Attempts), nameof(step.Detail), nameof(step.RevokedUtc), nameof(step.VerifiedUtc), nameof(step.DurationMs) })
            {
                db.Entry(step).Property(property).IsModified = true;
            }
            var key = AuditWriter.TargetKey(o.CredentialId);
            switch (o.Status)
            {
                case RevocationStepStatus.Verified when o.Probed:
                    Event(AuditEventTypes.Credential.Revoked, key, $"{o.CredentialName}: revoked", new { State = "Revoked" });
                    Event(AuditEventTypes.Credential.ProbeResult, key, $"{o.CredentialName}: verified dead ({o.Detail})", new { StillAccepted = false });
                    break;
                case RevocationStepStatus.Revoked:
                    Event(AuditEventTypes.Credential.Revoked, key, $"{o.CredentialName}: {o.Detail}", new { State = "Revoked" });
                    break;
                case RevocationStepStatus.ProbeFailed:
                    Event(AuditEventTypes.Credential.ProbeResult, key, $"{o.CredentialName}: STILL ACCEPTED after revocation ({o.Detail})", new { StillAccepted = true });
                    break;
                case RevocationStepStatus.Failed:
                    Event(AuditEventTypes.Credential.RevokeFailed, key, $"{o.CredentialName}: {o.Detail}", new { o.Attempts });
                    break;
            }
        }
        // Revoked credentials no longer count towards their identities' scores: the rescore commits with the batch.
        followUps.Rescore(db, actor, batch.Where(o => o.MarkRevoked && o.IdentityId is not null).Select(o => o.IdentityId!.Value), "credentials revoked");
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        // The events go in by the provider's bulk path after the step updates, in the same transaction.
        await BulkRows.InsertAsync(db, events, ct);
        var revokedIds = batch.Where(o => o.MarkRevoked).Select(o => o.CredentialId).ToList();
        if (revokedIds.Count > 0)
        {
            await db.Credentials.Where(c => revokedIds.Contains(c.Id) && c.State == CredentialState.Active)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, CredentialState.Revoked).SetProperty(c => c.StateChangedUtc, now), ct);
            // The score is in its own table (CredentialScores): one UPDATE per table.
            await Hygiene.CredentialScoreWriter.SetAsync(db, revokedIds, null, ct);
        }
        await db.RevocationRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.HeartbeatUtc, now), ct);
        // A run whose counts are kept (any non-zero) moves them with its steps; an older run is left to the aggregate.
        var (pending, revoked, verified, probeFailed, failed) = (counts[(int)RevocationStepStatus.Pending], counts[(int)RevocationStepStatus.Revoked],
            counts[(int)RevocationStepStatus.Verified], counts[(int)RevocationStepStatus.ProbeFailed], counts[(int)RevocationStepStatus.Failed]);
        await db.RevocationRuns.Where(r => r.Id == runId && r.StepsPending + r.StepsRevoked + r.StepsVerified + r.StepsProbeFailed + r.StepsFailed > 0)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.StepsPending, r => r.StepsPending + pending)
                .SetProperty(r => r.StepsRevoked, r => r.StepsRevoked + revoked)
                .SetProperty(r => r.StepsVerified, r => r.StepsVerified + verified)
                .SetProperty(r => r.StepsProbeFailed, r => r.StepsProbeFailed + probeFailed)
                .SetProperty(r => r.StepsFailed, r => r.StepsFailed + failed), ct);
        await transaction.CommitAsync(ct);
        // After the commit, so a viewer that re-reads sees the batch.
        runEvents.Publish(runId);
    }

    /// <summary>How the batch moves the run's step counts: each step leaves the state it was in and enters its outcome's.</summary>
    private static async Task<int[]> StepCountChangesAsync(NhiPortalDbContext db, List<RevocationOutcome> batch, CancellationToken ct)
    {
        var ids = batch.Select(o => o.StepId).ToList();
        var before = await db.RevocationSteps.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Status }).ToDictionaryAsync(s => s.Id, s => s.Status, ct);
        var changes = new int[Enum.GetValues<RevocationStepStatus>().Length];
        foreach (var o in batch)
        {
            if (before.TryGetValue(o.StepId, out var was))
            {
                changes[(int)was]--;
                changes[(int)o.Status]++;
            }
        }
        return changes;
    }
}
