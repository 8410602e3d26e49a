using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Outbox;
using NhiPortal.Core.Usage;

namespace NhiPortal.Infrastructure.Tests.Usage;

public class UsageIngestTests
{
    [Fact]
    public async Task Ingest_AggregatesPerHourAndNetwork_CountsUnmatched_AndReportsBadEventsWithoutFailingTheBatch()
    {
        await using var h = await UsageHarness.CreateAsync();
        await using (var db0 = h.Database.CreateDbContext())
        {
            await db0.Credentials.Where(c => c.Id == h.CredentialId).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastUsedUtc, (DateTime?)null));
        }
        var t = h.Now.AddMinutes(-30);
        UsageEvent[] events =
        [
            new() { CredentialId = h.CredentialId, TimeUtc = t, SourceAddress = "10.1.2.3", Count = 2 },
            new() { Store = h.Store, StoreReference = h.Reference, TimeUtc = t.AddMinutes(1), SourceAddress = "10.1.2.77", Target = "orders" },
            new() { CredentialId = h.CredentialId, TimeUtc = t, SourceAddress = "10.1.2.3", Outcome = UsageOutcome.Refused },
            new() { CredentialId = Guid.NewGuid(), TimeUtc = t },
            new() { CredentialId = h.CredentialId, TimeUtc = t, Count = 0 },
            new() { CredentialId = h.CredentialId, TimeUtc = h.Now.AddDays(1) },
        ];

        var result = await h.Ingest.IngestAsync(events, "postgres log");
        await h.Ingest.IngestAsync([events[0]], "postgres log");

        Assert.Equal((3, 1), (result.Accepted, result.Unmatched));
        Assert.Equal(2, result.Problems.Count);
        Assert.Contains("Event 5", result.Problems[0], StringComparison.Ordinal);
        Assert.Contains("future", result.Problems[1], StringComparison.Ordinal);
        await using var db = h.Database.CreateDbContext();
        var bucket = await db.UsageBuckets.SingleAsync(b => b.CredentialId == h.CredentialId);
        Assert.Equal(("10.1.2.0/24", 6L, 1L, "orders", "10.1.2.77"), (bucket.Network, bucket.Count, bucket.Refused, bucket.Target, bucket.LastAddress));
        Assert.Equal(t.AddMinutes(1), bucket.LastSeenUtc);
        var credential = await db.Credentials.SingleAsync(c => c.Id == h.CredentialId);
        Assert.Equal((t.AddMinutes(1), "observed in postgres log"), (credential.LastUsedUtc, credential.LastUsedNote));
        Assert.Equal(t.AddMinutes(1), (await db.Identities.SingleAsync(i => i.Id == h.IdentityId)).LastActivityUtc);
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.Type == AuditEventTypes.Credential.ObservedChanged && a.TargetId == Infrastructure.Audit.AuditWriter.TargetKey(h.CredentialId)));
    }

    [Fact]
    public async Task Ingest_NeverMovesLastUseBackwards_AndAsksForARescoreWhenAStaleCredentialIsUsedAgain()
    {
        await using var h = await UsageHarness.CreateAsync();
        await using (var db = h.Database.CreateDbContext())
        {
            await db.Credentials.Where(c => c.Id == h.CredentialId).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastUsedUtc, h.Now.AddDays(-200)));
            await db.Outbox.ExecuteDeleteAsync();
        }

        await h.UseAsync("10.0.0.1", at: h.Now.AddHours(-1));
        await h.UseAsync("10.0.0.1", at: h.Now.AddHours(-5));

        await using var check = h.Database.CreateDbContext();
        Assert.Equal(h.Now.AddHours(-1), (await check.Credentials.SingleAsync(c => c.Id == h.CredentialId)).LastUsedUtc);
        var rescores = await check.Outbox.Where(o => o.Type == FollowUpTypes.Rescore).ToListAsync();
        Assert.Single(rescores);
        Assert.Contains(h.IdentityId.ToString(), rescores[0].PayloadJson, StringComparison.OrdinalIgnoreCase);
    }
}
