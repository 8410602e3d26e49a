using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NhiPortal.Core.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Audit;

/// <summary>
/// Chains new audit events, stream by stream, in the order they were committed, with keyed links, then publishes the
/// new heads outside the database. It only inserts links; the unique (stream, sequence) and event-id keys make a
/// second sealer racing this one fail rather than fork a chain. It never chains a row without the portal's MAC (one
/// inserted or edited in the database), nor extends a chain that contradicts its published head (truncated or rebuilt):
/// Verify names both.
/// </summary>
public sealed class AuditChainSealer(IDbContextFactory<NhiPortalDbContext> dbFactory, TimeProvider clock, AuditChainKey key, AuditHeadsFile heads,
    ILogger<AuditChainSealer> logger)
{
    private const int Batch = 5_000;
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);
    private readonly Dictionary<AuditStream, string> _reported = [];

    public async Task<int> SealAsync(CancellationToken ct = default)
    {
        await OneAtATime.WaitAsync(ct);
        try
        {
            var sealedCount = 0;
            var published = heads.Latest();
            var newHeads = new List<PublishedHead>();
            foreach (var stream in Enum.GetValues<AuditStream>())
            {
                if (published.TryGetValue(stream, out var head) && !await AgreesAsync(stream, head, ct))
                {
                    Report(stream, $"its chain no longer has the published head at sequence {head.Sequence} (truncated or rebuilt); it is not sealed further until an operator looks");
                    continue;
                }
                var (count, rejected, last) = await SealStreamAsync(stream, ct);
                sealedCount += count;
                if (rejected.Count > 0)
                {
                    Report(stream, $"{rejected.Count} event(s) without the portal's MAC were not sealed (inserted or edited in the database), ids {string.Join(", ", rejected.Take(10))}{(rejected.Count > 10 ? ", …" : "")}");
                }
                if (last is not null)
                {
                    newHeads.Add(last);
                }
            }
            heads.Append(newHeads);
            return sealedCount;
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private async Task<bool> AgreesAsync(AuditStream stream, PublishedHead head, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = await db.AuditChainLinks.AsNoTracking().Where(l => l.Stream == stream && l.Sequence == head.Sequence).Select(l => l.Hash).FirstOrDefaultAsync(ct);
        return hash == head.Hash;
    }

    private async Task<(int Count, List<long> Rejected, PublishedHead? Last)> SealStreamAsync(AuditStream stream, CancellationToken ct)
    {
        var count = 0;
        var rejected = new List<long>();
        PublishedHead? last = null;
        long after = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var head = await db.AuditChainLinks.AsNoTracking().Where(l => l.Stream == stream)
                .OrderByDescending(l => l.Sequence).Select(l => new { l.Sequence, l.Hash }).FirstOrDefaultAsync(ct);
            // Events not yet linked, in id order (ids are assigned in commit order under SQLite's single writer; a
            // late-committing lower id elsewhere is still picked up, just later in the chain). The cursor steps past
            // rejected rows, which stay unlinked.
            var pending = await db.AuditEvents.AsNoTracking()
                .Where(e => e.Stream == stream && e.Id > after && !db.AuditChainLinks.Any(l => l.EventId == e.Id))
                .OrderBy(e => e.Id).Take(Batch).ToListAsync(ct);
            if (pending.Count == 0)
            {
                return (count, rejected, last);
            }
            after = pending[^1].Id;
            var previous = head?.Hash ?? "";
            var sequence = head?.Sequence ?? 0;
            var now = clock.GetUtcNow().UtcDateTime;
            var added = 0;
            foreach (var e in pending)
            {
                if (!key.IsGenuine(e))
                {
                    rejected.Add(e.Id);
                    continue;
                }
                var hash = key.Link(previous, e);
                db.AuditChainLinks.Add(new AuditChainLink
                {
                    EventId = e.Id, Stream = stream, Sequence = ++sequence, PreviousHash = previous, Hash = hash, SealedUtc = now, Algorithm = key.Algorithm,
                });
                previous = hash;
                added++;
            }
            if (added > 0)
            {
                await db.SaveChangesAsync(ct);
                count += added;
                last = new PublishedHead(stream, sequence, previous, now);
            }
        }
    }

    /// <summary>Logs each new finding once, not every pass.</summary>
    private void Report(AuditStream stream, string finding)
    {
        lock (_reported)
        {
            if (_reported.TryGetValue(stream, out var known) && known == finding)
            {
                return;
            }
            _reported[stream] = finding;
        }
        logger.LogError("Audit stream {Stream}: {Finding}. Run Verify on the audit page", stream, finding);
    }
}
