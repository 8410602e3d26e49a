using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Usage;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Usage;

/// <summary>
/// One evaluation pass: every bucket with uses not evaluated yet (found from the durable cursor on UpdatedUtc) is
/// read once, joined to its credential's standing and baseline, ordered by credential; each credential's baseline
/// is folded and its rules run as the rows stream by; flags are written at the end, all in one transaction.
/// </summary>
public sealed class UsageEvaluation(IDbContextFactory<NhiPortalDbContext> dbFactory, FlagWriter flags, UsageOptions options, TimeProvider clock)
{
    public const string CursorName = "usage-evaluation";

    // Re-read a little before the cursor: a writer on another provider may commit a batch stamped just before it. Buckets
    // already evaluated are skipped by their EvaluatedCount, so the overlap costs a range read, not a second judgement.
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(1);

    public async Task<UsageEvaluationResult> EvaluateAsync(CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var sqlite = db.Database.IsSqlite();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var cursor = await db.EvaluationCursors.SingleOrDefaultAsync(c => c.Name == CursorName, ct);
        var since = cursor is null || cursor.PositionUtc < DateTime.MinValue + Overlap ? DateTime.MinValue : cursor.PositionUtc - Overlap;
        var open = (await db.AnomalyFlags.AsNoTracking().Where(f => f.Status == AnomalyStatus.Open || f.Status == AnomalyStatus.Acknowledged)
            .Select(f => new { f.CredentialId, f.Rule, f.EvidenceKey }).ToListAsync(ct)).Select(f => (f.CredentialId, f.Rule, f.EvidenceKey)).ToHashSet();

        IAsyncEnumerable<EvaluationRow> stream = sqlite
            ? SqliteEvaluationReader.ReadAsync((SqliteConnection)db.Database.GetDbConnection(), since, ct)
            : (await Rows(db, since).ToListAsync(ct)).ToAsyncEnumerable();
        using IBaselineSink sink = sqlite ? new SqliteBaselineSink((SqliteConnection)db.Database.GetDbConnection()) : new EfBaselineSink(db);
        var found = new List<NewFlag>();
        var group = new List<EvaluationRow>();
        var (buckets, credentials) = (0, 0);
        var position = cursor?.PositionUtc ?? DateTime.MinValue;
        await foreach (var row in stream.WithCancellation(ct))
        {
            if (group.Count > 0 && group[0].CredentialId != row.CredentialId)
            {
                await EvaluateOneAsync(group, sink, open, found, now, ct);
                credentials++;
                group.Clear();
            }
            group.Add(row);
            buckets++;
            position = row.UpdatedUtc > position ? row.UpdatedUtc : position;
        }
        if (group.Count > 0)
        {
            await EvaluateOneAsync(group, sink, open, found, now, ct);
            credentials++;
        }
        await sink.FlushAsync(ct);
        await flags.WriteAsync(db, found, now, ct);
        if (cursor is null)
        {
            db.EvaluationCursors.Add(new EvaluationCursor { Name = CursorName, PositionUtc = position });
        }
        else
        {
            db.EvaluationCursors.Attach(cursor);
            cursor.PositionUtc = position;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new UsageEvaluationResult(buckets, credentials, found.Count, watch.Elapsed);
    }

    // Other providers: the same read through EF Core, all of it before any write (no second active reader needed).
    private static IQueryable<EvaluationRow> Rows(NhiPortalDbContext db, DateTime since) =>
        from b in db.UsageBuckets.AsNoTracking()
        where b.UpdatedUtc >= since && b.Count > b.EvaluatedCount
        join c in db.Credentials.AsNoTracking() on b.CredentialId equals c.Id
        from baseline in db.UsageBaselines.AsNoTracking().Where(x => x.CredentialId == b.CredentialId).DefaultIfEmpty()
        orderby b.CredentialId
        select new EvaluationRow(b.CredentialId, b.HourUtc, b.Network, b.Count, b.Refused, b.EvaluatedCount, b.FirstSeenUtc, b.LastSeenUtc, b.LastAddress,
            b.Target, b.UpdatedUtc, c.Name, c.IdentityId, c.State, c.StateChangedUtc,
            c.Identity != null ? (IdentityLifecycleState?)c.Identity.LifecycleState : null, c.Identity != null ? c.Identity.OwnerId : null, baseline);

    private async Task EvaluateOneAsync(List<EvaluationRow> group, IBaselineSink sink, HashSet<(Guid, AnomalyRule, string)> open, List<NewFlag> found,
        DateTime now, CancellationToken ct)
    {
        var first = group[0];
        var observations = group.Select(r => r.Observation).ToList();
        var standing = new CredentialStanding(first.CredentialId, first.IdentityId, first.State, first.StateChangedUtc, first.IdentityState);
        var after = BaselineLearner.Fold(first.Baseline, first.CredentialId, observations, now, options);
        foreach (var finding in AnomalyDetector.Detect(standing, first.Baseline, after, observations, options))
        {
            if (open.Add((first.CredentialId, finding.Rule, finding.EvidenceKey)))
            {
                found.Add(new NewFlag(finding, first.CredentialId, first.CredentialName, first.IdentityId, first.OwnerId));
            }
        }
        sink.Save(after, first.Baseline is null);
        foreach (var r in group)
        {
            sink.MarkEvaluated(r.CredentialId, r.HourUtc, r.Network, r.Count);
        }
        if (sink is EfBaselineSink { Full: true })
        {
            await sink.FlushAsync(ct);
        }
    }
}
