using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Usage;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Usage;

/// <summary>
/// Takes a batch of usage events into hourly buckets: each event is checked on its own (a bad one is a problem in
/// the result, never the batch's failure), matched to a credential by id or by store and reference, summed in
/// memory per credential, hour and network, and written in one transaction by <see cref="UsageIngestWriter"/>.
/// </summary>
public sealed class UsageIngest(IDbContextFactory<NhiPortalDbContext> dbFactory, UsageIngestWriter writer, UsageOptions options, TimeProvider clock) : IUsageIngest
{
    private const int ProblemLimit = 100;
    private const int LookupChunk = 1_000;

    public async Task<UsageIngestResult> IngestAsync(IReadOnlyList<UsageEvent> events, string origin, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(origin);
        origin = origin.Trim().Length > 100 ? origin.Trim()[..100] : origin.Trim();
        var now = clock.GetUtcNow().UtcDateTime;
        var problems = new List<string>();
        var valid = new List<UsageEvent>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            if (Problem(events[i], now) is { } problem)
            {
                if (problems.Count < ProblemLimit)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"Event {i + 1}: {problem}"));
                }
            }
            else
            {
                valid.Add(events[i]);
            }
        }
        if (valid.Count == 0)
        {
            return new UsageIngestResult(0, 0, problems);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (byId, byReference) = await ResolveAsync(db, valid, ct);
        var buckets = new Dictionary<(Guid, DateTime, string), BucketDelta>();
        var lastUse = new Dictionary<Guid, DateTime>();
        var networks = new Dictionary<string, string>(StringComparer.Ordinal);
        var unmatched = 0;
        foreach (var e in valid)
        {
            var credential = e.CredentialId is { } id ? byId.GetValueOrDefault(id) : byReference.GetValueOrDefault((e.Store!, e.StoreReference!));
            if (credential is null)
            {
                unmatched++;
                continue;
            }
            var time = DateTime.SpecifyKind(e.TimeUtc, DateTimeKind.Utc);
            var address = e.SourceAddress?.Trim();
            var network = address is null ? SourceNetwork.Unknown
                : networks.TryGetValue(address, out var known) ? known : networks[address] = SourceNetwork.Of(address);
            var hour = new DateTime(time.Year, time.Month, time.Day, time.Hour, 0, 0, DateTimeKind.Utc);
            if (!buckets.TryGetValue((credential.Id, hour, network), out var bucket))
            {
                buckets[(credential.Id, hour, network)] = bucket = new BucketDelta(credential.Id, hour, network);
            }
            bucket.Count += e.Count;
            if (e.Outcome == UsageOutcome.Refused)
            {
                bucket.Refused += e.Count;
            }
            else if (!lastUse.TryGetValue(credential.Id, out var last) || time > last)
            {
                lastUse[credential.Id] = time;
            }
            bucket.FirstSeenUtc = time < bucket.FirstSeenUtc ? time : bucket.FirstSeenUtc;
            if (time >= bucket.LastSeenUtc)
            {
                bucket.LastSeenUtc = time;
                bucket.Target = e.Target ?? bucket.Target;
                bucket.LastAddress = address ?? bucket.LastAddress;
            }
        }
        if (buckets.Count > 0)
        {
            var resolved = byId.Values.Concat(byReference.Values).DistinctBy(c => c.Id).ToDictionary(c => c.Id);
            await writer.WriteAsync(db, buckets.Values, lastUse.Select(u => (resolved[u.Key], u.Value)).ToList(), origin, ct);
        }
        return new UsageIngestResult(valid.Count - unmatched, unmatched, problems);
    }

    private string? Problem(UsageEvent e, DateTime now) => UsageEventRules.Check(e, now, options)?.Problem;

    private static async Task<(Dictionary<Guid, ResolvedCredential>, Dictionary<(string, string), ResolvedCredential>)> ResolveAsync(
        NhiPortalDbContext db, List<UsageEvent> events, CancellationToken ct)
    {
        var byId = new Dictionary<Guid, ResolvedCredential>();
        foreach (var chunk in events.Where(e => e.CredentialId is not null).Select(e => e.CredentialId!.Value).Distinct().Chunk(LookupChunk))
        {
            foreach (var c in await db.Credentials.AsNoTracking().Where(c => chunk.Contains(c.Id))
                         .Select(c => new ResolvedCredential(c.Id, c.IdentityId, c.LastUsedUtc)).ToListAsync(ct))
            {
                byId[c.Id] = c;
            }
        }
        var byReference = new Dictionary<(string, string), ResolvedCredential>();
        foreach (var store in events.Where(e => e.CredentialId is null).GroupBy(e => e.Store!, StringComparer.Ordinal))
        {
            foreach (var chunk in store.Select(e => e.StoreReference!).Distinct(StringComparer.Ordinal).Chunk(LookupChunk))
            {
                var found = await db.Credentials.AsNoTracking().Where(c => c.Store == store.Key && chunk.Contains(c.StoreReference))
                    .Select(c => new { c.StoreReference, c.State, c.IssuedUtc, Credential = new ResolvedCredential(c.Id, c.IdentityId, c.LastUsedUtc) })
                    .ToListAsync(ct);
                // A rotation keeps the predecessor under the same reference: the use belongs to the active one, else the newest.
                foreach (var match in found.GroupBy(f => f.StoreReference, StringComparer.Ordinal))
                {
                    byReference[(store.Key, match.Key)] = match.OrderByDescending(f => f.State == CredentialState.Active).ThenByDescending(f => f.IssuedUtc).First().Credential;
                }
            }
        }
        return (byId, byReference);
    }
}
