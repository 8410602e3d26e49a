using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NhiPortal.Core.Common;
using NhiPortal.Core.Outbox;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Outbox;

/// <summary>
/// One pass over the open follow-ups, oldest first: each kind goes to its handler in batches; a batch that succeeds
/// is marked done, one that fails is retried later with backoff (<see cref="RetrySchedule"/>) and keeps its error in
/// view. Runs under the <c>outbox</c> lease (<see cref="OutboxDispatchJob"/>), so one instance dispatches at a time.
/// </summary>
public sealed class OutboxDispatcher(
    IDbContextFactory<NhiPortalDbContext> dbFactory, IEnumerable<IFollowUpHandler> handlers, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    private const int PassSize = 20_000;
    private readonly Dictionary<string, IFollowUpHandler> _handlers = handlers.ToDictionary(h => h.Type, StringComparer.Ordinal);

    /// <summary>Dispatches what is due now; returns how many rows were completed.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct = default)
    {
        List<OutboxMessage> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            due = await db.Outbox.AsNoTracking()
                .Where(m => m.CompletedUtc == null && m.GaveUpUtc == null && m.NextAttemptUtc <= now)
                .OrderBy(m => m.Sequence).Take(PassSize).ToListAsync(ct);
        }
        var completed = 0;
        foreach (var kind in due.GroupBy(m => m.Type))
        {
            if (!_handlers.TryGetValue(kind.Key, out var handler))
            {
                await FailAsync(kind.ToList(), $"no handler for follow-ups of type \"{kind.Key}\"", ct);
                continue;
            }
            foreach (var batch in kind.Chunk(Math.Max(1, handler.BatchSize)))
            {
                try
                {
                    await handler.HandleAsync(batch, ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Follow-up {Type} failed for {Count} row(s); retrying later", kind.Key, batch.Length);
                    await FailAsync(batch, Describe(ex), ct);
                    continue;
                }
                await CompleteAsync(batch, ct);
                completed += batch.Length;
            }
        }
        return completed;
    }

    /// <summary>Dispatches until nothing is due (tests, and draining before a shutdown).</summary>
    public async Task<int> DrainAsync(CancellationToken ct = default)
    {
        var total = 0;
        for (var pass = 0; pass < 100; pass++)
        {
            var done = await DispatchDueAsync(ct);
            if (done == 0)
            {
                break;
            }
            total += done;
        }
        return total;
    }

    // The outermost message is often generic ("an error occurred while saving"); the innermost says what went wrong.
    private static string Describe(Exception ex) =>
        ex.GetBaseException() is { } inner && inner != ex ? $"{ex.GetType().Name}: {ex.Message} ({inner.Message})" : $"{ex.GetType().Name}: {ex.Message}";

    private async Task CompleteAsync(IReadOnlyCollection<OutboxMessage> batch, CancellationToken ct)
    {
        var ids = batch.Select(m => m.Sequence).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var chunk in ids.Chunk(5_000))
        {
            await db.Outbox.Where(m => chunk.Contains(m.Sequence)).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.CompletedUtc, now).SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.LastError, (string?)null), ct);
        }
    }

    private async Task FailAsync(IReadOnlyCollection<OutboxMessage> batch, string error, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var message = Reasons.Fit(error, 1000);
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        foreach (var row in batch)
        {
            var attempts = row.Attempts + 1;
            DateTime? gaveUp = RetrySchedule.GivesUp(attempts) ? now : null;
            var next = now + RetrySchedule.After(attempts);
            await db.Outbox.Where(m => m.Sequence == row.Sequence).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts).SetProperty(m => m.LastError, message)
                .SetProperty(m => m.NextAttemptUtc, next).SetProperty(m => m.GaveUpUtc, gaveUp), CancellationToken.None);
            if (gaveUp is not null)
            {
                logger.LogError("Follow-up {Type} {Id} gave up after {Attempts} attempts: {Error}", row.Type, row.Id, attempts, message);
            }
        }
    }
}
