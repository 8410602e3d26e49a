using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Feed;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Feed;

/// <summary>
/// One pass for one destination: reads the audit events after its cursor (in id order, up to a gap that is still
/// young), adds the chain heads when they are due, sends them, and only then moves the cursor. A failure moves nothing
/// and backs off. It only reads the audit tables and writes the destination's own row.
/// </summary>
public sealed class FeedDelivery(IDbContextFactory<NhiPortalDbContext> dbFactory, TimeProvider clock, FeedOptions options, ILogger<FeedDelivery> logger)
{
    // When this instance first saw each row after a destination's cursor: the gap rule's clock (pruned as the cursor moves).
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<long, DateTime>> _firstSeen = new();

    internal async Task<FeedPassResult> RunAsync(FeedDestination destination, IFeedTransport transport, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!destination.Enabled || destination.NextAttemptUtc > now)
        {
            return FeedPassResult.Idle;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cursor = destination.Cursor;
        var rows = await db.AuditEvents.AsNoTracking().Where(e => e.Id > cursor).OrderBy(e => e.Id).Take(Math.Max(1, options.BatchSize)).ToListAsync(ct);
        var seen = _firstSeen.GetOrAdd(destination.Id, _ => new ConcurrentDictionary<long, DateTime>());
        var deliverable = FeedGapRule.Deliverable(cursor, rows.Select(e => (e.Id, seen.GetOrAdd(e.Id, now))).ToList(), now, options.GapWait);
        ReportSkippedGaps(destination, cursor, rows.Take(deliverable).Select(e => e.Id));
        var messages = await HistoryAsync(db, transport, cursor, destination.Format, ct);
        var history = messages.Count;
        messages.AddRange(rows.Take(deliverable).Select(e => FeedMessages.For(e, destination.Format)));
        // Periodically; and for a new or replayed destination (no heads yet) once it has caught up, so they follow the events.
        var caughtUp = deliverable == rows.Count && rows.Count < options.BatchSize;
        var headsDue = destination.LastHeadsUtc is { } last ? now - last >= options.HeadsInterval : caughtUp;
        var heads = headsDue ? await HeadsAsync(db, ct) : [];
        messages.AddRange(heads.Select(h => FeedMessages.For(h, destination.Format)));
        if (messages.Count == 0)
        {
            if (headsDue)
            {
                await MarkHeadsSentAsync(destination, now, ct);
            }
            return FeedPassResult.Idle;
        }
        var result = await transport.SendAsync(messages, ct);
        var delivered = messages.Take(result.Delivered).Skip(history).Where(m => m.Sequence is not null).ToList();
        var newCursor = delivered.Count > 0 ? delivered[^1].Sequence!.Value : cursor;
        var headsSent = headsDue && result.Error is null;
        await RecordAsync(destination, newCursor, delivered.Count, headsSent, result.Error, now, ct);
        foreach (var id in seen.Keys.Where(k => k <= newCursor))
        {
            seen.TryRemove(id, out _);
        }
        return new FeedPassResult(delivered.Count, result.Error is null && rows.Count == options.BatchSize && deliverable == rows.Count, result.Error);
    }

    /// <summary>The last events up to the cursor again, for a transport that cannot know whether its predecessor's last bytes arrived.</summary>
    private async Task<List<FeedMessage>> HistoryAsync(NhiPortalDbContext db, IFeedTransport transport, long cursor, FeedFormat format, CancellationToken ct)
    {
        if (!transport.WantsHistory || cursor <= 0 || options.RestartResendEvents <= 0)
        {
            return [];
        }
        var rows = await db.AuditEvents.AsNoTracking().Where(e => e.Id <= cursor).OrderByDescending(e => e.Id).Take(options.RestartResendEvents).ToListAsync(ct);
        return rows.OrderBy(e => e.Id).Select(e => FeedMessages.For(e, format)).ToList();
    }

    // A gap stepped over is ids that never committed (a rollback, an identity cache jump) or, if a transaction stayed
    // open longer than the wait, events this destination will not get: said loudly, with the ids, to be replayed.
    private void ReportSkippedGaps(FeedDestination destination, long cursor, IEnumerable<long> ids)
    {
        var expected = cursor + 1;
        foreach (var id in ids)
        {
            if (id != expected)
            {
                logger.LogWarning("Feed destination {Destination}: ids {From} to {To} did not appear within {Wait} s and were stepped over; " +
                    "if they commit later, replay from {From}", destination.Name, expected, id - 1, options.GapWait.TotalSeconds, expected);
            }
            expected = id + 1;
        }
    }

    /// <summary>Each stream's latest sealed link.</summary>
    public static async Task<List<FeedHead>> HeadsAsync(NhiPortalDbContext db, CancellationToken ct)
    {
        var heads = new List<FeedHead>();
        foreach (var stream in Enum.GetValues<AuditStream>())
        {
            var link = await db.AuditChainLinks.AsNoTracking().Where(l => l.Stream == stream).OrderByDescending(l => l.Sequence).FirstOrDefaultAsync(ct);
            if (link is not null)
            {
                heads.Add(new FeedHead(stream, link.Sequence, link.EventId, link.Hash, link.SealedUtc, link.Algorithm));
            }
        }
        return heads;
    }

    // Conditional on the cursor and version it read: a replay requested meanwhile wins (even one back to the same
    // cursor, which the version tells apart), and the next pass starts from there.
    private async Task RecordAsync(FeedDestination d, long newCursor, int delivered, bool headsSent, string? error, DateTime now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = db.FeedDestinations.Where(x => x.Id == d.Id && x.Cursor == d.Cursor && x.Version == d.Version);
        if (error is null)
        {
            await row.ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Cursor, newCursor)
                .SetProperty(x => x.DeliveredCount, x => x.DeliveredCount + delivered)
                .SetProperty(x => x.LastDeliveredUtc, delivered > 0 ? now : d.LastDeliveredUtc)
                .SetProperty(x => x.ConsecutiveFailures, 0)
                .SetProperty(x => x.LastError, (string?)null)
                .SetProperty(x => x.NextAttemptUtc, (DateTime?)null)
                .SetProperty(x => x.LastHeadsUtc, headsSent ? now : d.LastHeadsUtc), ct);
            return;
        }
        var failures = d.ConsecutiveFailures + 1;
        var next = now + FeedBackoff.After(failures, options.MaxRetry);
        var lastError = Reasons.Fit(error, 1000);
        await row.ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Cursor, newCursor)
            .SetProperty(x => x.DeliveredCount, x => x.DeliveredCount + delivered)
            .SetProperty(x => x.LastDeliveredUtc, delivered > 0 ? now : d.LastDeliveredUtc)
            .SetProperty(x => x.FailureCount, x => x.FailureCount + 1)
            .SetProperty(x => x.ConsecutiveFailures, failures)
            .SetProperty(x => x.LastError, lastError)
            .SetProperty(x => x.NextAttemptUtc, next), ct);
    }

    private async Task MarkHeadsSentAsync(FeedDestination d, DateTime now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.FeedDestinations.Where(x => x.Id == d.Id && x.Version == d.Version).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastHeadsUtc, now), ct);
    }
}
