using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Audit;

/// <summary>
/// Recomputes every chain from the events themselves, checks every row that was never sealed for the portal's MAC,
/// and compares each chain with the heads published outside the database.
/// </summary>
public sealed class AuditChainVerifier(IDbContextFactory<NhiPortalDbContext> dbFactory, TimeProvider clock, AuditChainKey key, AuditHeadsFile headsFile)
{
    public async Task<ChainVerification> VerifyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var problems = new List<ChainProblem>();
        var heads = new Dictionary<AuditStream, string>();
        var published = headsFile.ReadAll().ToLookup(h => h.Stream);
        long checkedEvents = 0;
        foreach (var stream in Enum.GetValues<AuditStream>())
        {
            var expectedAt = published[stream].ToLookup(h => h.Sequence, h => h.Hash);
            long contradicted = 0;
            var previous = "";
            long expected = 1;
            var keyedSeen = false;
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
                keyedSeen |= link.Algorithm != AuditChain.LegacyAlgorithm;
                if (row.e is null)
                {
                    problems.Add(new ChainProblem(stream, link.Sequence, link.EventId, $"event {link.EventId} was deleted"));
                }
                else if (Check(link, row.e, keyedSeen) is { } problem)
                {
                    problems.Add(new ChainProblem(stream, link.Sequence, link.EventId, problem));
                }
                else
                {
                    checkedEvents++;
                }
                if (expectedAt[link.Sequence].Any(h => h != link.Hash))
                {
                    contradicted = link.Sequence;
                }
                previous = link.Hash;
            }
            // A published head beyond the chain's end: the chain was cut back (or rebuilt shorter) afterwards.
            var beyond = published[stream].Where(h => h.Sequence >= expected).Select(h => h.Sequence).DefaultIfEmpty(0).Max();
            if (Math.Max(contradicted, beyond) is var at and > 0)
            {
                problems.Add(new ChainProblem(stream, at, null, $"the chain was truncated or rebuilt after sequence {at} was published (heads file {headsFile.Path})"));
            }
            if (previous.Length > 0)
            {
                heads[stream] = previous;
            }
        }
        long unsealed = 0;
        var neverSealed = db.AuditEvents.AsNoTracking().Where(e => !db.AuditChainLinks.Any(l => l.EventId == e.Id)).OrderBy(e => e.Id).AsAsyncEnumerable();
        await foreach (var e in neverSealed.WithCancellation(ct))
        {
            if (key.IsGenuine(e))
            {
                unsealed++;
            }
            else
            {
                problems.Add(new ChainProblem(e.Stream, null, e.Id, $"event {e.Id} was not written by the portal: inserted or edited in the database"));
            }
        }
        return new ChainVerification(clock.GetUtcNow().UtcDateTime, checkedEvents, unsealed, problems, heads);
    }

    /// <summary>Null when the link proves the event; otherwise what is wrong.</summary>
    private string? Check(AuditChainLink link, AuditEvent e, bool keyedSeen)
    {
        if (link.Algorithm == AuditChain.LegacyAlgorithm)
        {
            // Anyone can compute a plain link, so one is believed only where the previous version could have made it:
            // before the stream's first keyed link, over an event that predates MACs.
            if (keyedSeen || e.Mac is not null)
            {
                return $"event {link.EventId} has a plain SHA-256 link where only a keyed one can be: the link was forged";
            }
            return e.Stream == link.Stream && AuditChain.Hash(link.PreviousHash, e) == link.Hash ? null : $"event {link.EventId} was changed after it was sealed";
        }
        if (link.Algorithm != key.Algorithm)
        {
            return $"event {link.EventId} was sealed with key {link.Algorithm}, not the configured key ({key.Algorithm}): it cannot be verified";
        }
        return e.Stream == link.Stream && key.Link(link.PreviousHash, e) == link.Hash && key.IsGenuine(e) ? null : $"event {link.EventId} was changed after it was sealed";
    }
}
