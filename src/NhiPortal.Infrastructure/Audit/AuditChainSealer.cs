using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NhiPortal.Core.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Hygiene;

namespace NhiPortal.Infrastructure.Audit;

/// <summary>
/// Chains new audit events, stream by stream, in the order they were committed. It only inserts links; the unique
/// (stream, sequence) and event-id keys make a second sealer racing this one fail rather than fork a chain.
/// </summary>
public sealed class AuditChainSealer(IDbContextFactory<NhiPortalDbContext> dbFactory, TimeProvider clock)
{
    private const int Batch = 5_000;
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public async Task<int> SealAsync(CancellationToken ct = default)
    {
        await OneAtATime.WaitAsync(ct);
        try
        {
            var sealedCount = 0;
            foreach (var stream in Enum.GetValues<AuditStream>())
            {
                while (true)
                {
                    await using var db = await dbFactory.CreateDbContextAsync(ct);
                    var head = await db.AuditChainLinks.AsNoTracking().Where(l => l.Stream == stream)
                        .OrderByDescending(l => l.Sequence).Select(l => new { l.Sequence, l.Hash, l.EventId }).FirstOrDefaultAsync(ct);
                    // Events not yet linked, in id order (ids are assigned in commit order under SQLite's single writer;
                    // a late-committing lower id elsewhere is still picked up, just later in the chain).
                    var pending = await db.AuditEvents.AsNoTracking()
                        .Where(e => e.Stream == stream && !db.AuditChainLinks.Any(l => l.EventId == e.Id))
                        .OrderBy(e => e.Id).Take(Batch).ToListAsync(ct);
                    if (pending.Count == 0)
                    {
                        break;
                    }
                    var previous = head?.Hash ?? "";
                    var sequence = head?.Sequence ?? 0;
                    var now = clock.GetUtcNow().UtcDateTime;
                    foreach (var e in pending)
                    {
                        var hash = AuditChain.Hash(previous, e);
                        db.AuditChainLinks.Add(new AuditChainLink
                        {
                            EventId = e.Id, Stream = stream, Sequence = ++sequence, PreviousHash = previous, Hash = hash, SealedUtc = now,
                        });
                        previous = hash;
                    }
                    await db.SaveChangesAsync(ct);
                    sealedCount += pending.Count;
                }
            }
            return sealedCount;
        }
        finally
        {
            OneAtATime.Release();
        }
    }
}

/// <summary>Recomputes every chain from the events themselves.</summary>
public sealed class AuditChainVerifier(IDbContextFactory<NhiPortalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<ChainVerification> VerifyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var problems = new List<ChainProblem>();
        var heads = new Dictionary<AuditStream, string>();
        long checkedEvents = 0;
        foreach (var stream in Enum.GetValues<AuditStream>())
        {
            var previous = "";
            long expected = 1;
            // Left join: a link whose event is gone is a deletion.
            var rows = db.AuditChainLinks.AsNoTracking().Where(l => l.Stream == stream).OrderBy(l => l.Sequence)
                .GroupJoin(db.AuditEvents.AsNoTracking(), l => l.EventId, e => e.Id, (l, events) => new { l, events })
                .SelectMany(x => x.events.DefaultIfEmpty(), (x, e) => new { x.l, e })
                .AsAsyncEnumerable();
            await foreach (var row in rows.WithCancellation(ct))
            {
                var link = row.l;
                if (link.Sequence != expected)
                {
                    problems.Add(new ChainProblem(stream, expected, null, $"links {expected}–{link.Sequence - 1} are missing (deleted from the chain)"));
                }
                expected = link.Sequence + 1;
                if (link.PreviousHash != previous)
                {
                    problems.Add(new ChainProblem(stream, link.Sequence, link.EventId, "the link does not follow its predecessor (a link was changed or removed)"));
                }
                if (row.e is null)
                {
                    problems.Add(new ChainProblem(stream, link.Sequence, link.EventId, $"event {link.EventId} was deleted"));
                }
                else if (row.e.Stream != stream || AuditChain.Hash(link.PreviousHash, row.e) != link.Hash)
                {
                    problems.Add(new ChainProblem(stream, link.Sequence, link.EventId, $"event {link.EventId} was changed after it was sealed"));
                }
                else
                {
                    checkedEvents++;
                }
                previous = link.Hash;
            }
            if (previous.Length > 0)
            {
                heads[stream] = previous;
            }
        }
        var unsealed = await db.AuditEvents.LongCountAsync(e => !db.AuditChainLinks.Any(l => l.EventId == e.Id), ct);
        return new ChainVerification(clock.GetUtcNow().UtcDateTime, checkedEvents, unsealed, problems, heads);
    }
}

/// <summary>Seals every <c>Audit:SealIntervalSeconds</c> (default 10) under the <c>audit-seal</c> lease.</summary>
public sealed class AuditSealJob(IDbContextFactory<NhiPortalDbContext> dbFactory, AuditChainSealer sealer, TimeProvider clock,
    Microsoft.Extensions.Configuration.IConfiguration configuration, ILogger<AuditSealJob> logger) : BackgroundService
{
    private readonly string _holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = Math.Max(1, Microsoft.Extensions.Configuration.ConfigurationBinder.GetValue(configuration, "Audit:SealIntervalSeconds", 10));
        var interval = TimeSpan.FromSeconds(seconds);
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                if (await JobLeases.TryAcquireAsync(dbFactory, "audit-seal", _holder, interval * 3, clock, stoppingToken))
                {
                    await sealer.SealAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Sealing the audit chain failed; it is retried at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
