using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Outbox;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Revocation;

namespace NhiPortal.Infrastructure.Outbox;

/// <summary>The background-work page's data and its one action (retry), for SecurityOperators and Administrators.</summary>
public sealed class BackgroundWork(
    IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, AuditWriter audit, TimeProvider clock, RevocationOptions revocation,
    OutboxSignal signal) : IBackgroundWork
{
    public const int PageSize = 200;

    public async Task<BackgroundWorkView> GetAsync(CancellationToken ct = default)
    {
        (await currentUser.GetAsync()).Demand(Capability.OperateBackgroundWork);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var open = db.Outbox.AsNoTracking().Where(m => m.CompletedUtc == null);
        var rows = await open.OrderBy(m => m.Sequence).Take(PageSize)
            .Select(m => new { m.Sequence, m.Type, m.OccurredUtc, m.Actor, m.OnBehalfOf, m.SubjectType, m.SubjectId, m.Attempts, m.NextAttemptUtc, m.LastError, m.GaveUpUtc })
            .ToListAsync(ct);
        var hourAgo = now.AddHours(-1);
        var kinds = await db.Outbox.AsNoTracking().Where(m => m.CompletedUtc == null || m.CompletedUtc > hourAgo).GroupBy(m => m.Type)
            .Select(g => new FollowUpKindRow(g.Key, g.Count(m => m.CompletedUtc == null && m.GaveUpUtc == null), g.Count(m => m.CompletedUtc == null && m.GaveUpUtc != null),
                g.Count(m => m.CompletedUtc != null), g.Where(m => m.CompletedUtc == null && m.GaveUpUtc == null).Min(m => (DateTime?)m.OccurredUtc)))
            .ToListAsync(ct);
        var leases = await db.JobLeases.AsNoTracking().ToDictionaryAsync(l => l.Name, ct);
        var statuses = await db.JobStatuses.AsNoTracking().ToListAsync(ct);
        var jobs = statuses.Select(s => s.Name).Union(leases.Keys).Order(StringComparer.Ordinal).Select(name =>
        {
            var s = statuses.FirstOrDefault(x => x.Name == name);
            var lease = leases.GetValueOrDefault(name);
            return new JobRow(name, s?.LastStartedUtc, s?.LastFinishedUtc, s?.LastSucceededUtc, s?.LastDurationMs, s?.LastError, s?.LastOutcome, s?.LastInstance,
                s?.Runs ?? 0, lease?.Holder, lease?.ExpiresUtc);
        }).ToList();
        var stale = now.AddSeconds(-revocation.StaleAfterSeconds);
        var orphaned = await db.RevocationRuns.CountAsync(r => r.Status == RevocationRunStatus.Running && (r.HeartbeatUtc == null || r.HeartbeatUtc < stale), ct);
        return new BackgroundWorkView(now, rows.Select(m => new FollowUpRow(m.Sequence, m.Type, m.OccurredUtc, m.Actor, m.OnBehalfOf, m.SubjectType, m.SubjectId,
            m.Attempts, m.NextAttemptUtc, m.LastError, m.GaveUpUtc is null ? OutboxState.Pending : OutboxState.Failed)).ToList(),
            kinds.OrderBy(k => k.Type, StringComparer.Ordinal).ToList(), jobs, orphaned);
    }

    public async Task RetryAsync(long sequence, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.OperateBackgroundWork);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Outbox.SingleOrDefaultAsync(m => m.Sequence == sequence, ct) ?? throw new NotFoundException($"Follow-up {sequence}");
        if (row.CompletedUtc is not null)
        {
            throw new ValidationException("That follow-up is already done.");
        }
        var before = new { row.Attempts, row.LastError, GaveUp = row.GaveUpUtc is not null };
        row.GaveUpUtc = null;
        row.Attempts = 0;
        row.NextAttemptUtc = clock.GetUtcNow().UtcDateTime;
        audit.Append(db, AuditStream.Access, AuditEventTypes.Access.FollowUpRetried, user, "FollowUp", row.Id.ToString("D"),
            $"{user.DisplayName} retried follow-up {row.Sequence} ({row.Type}) after {before.Attempts} attempt(s)", before, new { row.Type, row.SubjectType, row.SubjectId });
        await db.SaveChangesAsync(ct);
        signal.Raise();
    }
}
