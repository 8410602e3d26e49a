using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Outbox;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Credentials;
using NhiPortal.Infrastructure.Hygiene;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Tests.Credentials;

public class CredentialExpiryRunTests
{
    private sealed record Snapshot(CredentialState State, DateTime? StateChangedUtc, int? Score, DateTime? ExpiresUtc, bool IsDynamic, string Name);

    private static async Task<Dictionary<Guid, Snapshot>> CredentialsAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        return await db.Credentials.AsNoTracking()
            .ToDictionaryAsync(c => c.Id, c => new Snapshot(c.State, c.StateChangedUtc, c.HygieneScore, c.ExpiresUtc, c.IsDynamic, c.Name));
    }

    private static CredentialExpiryRun Run(TestDatabase database, int batchSize, bool neutral)
    {
        var portal = TestPortal.For(database);
        return new CredentialExpiryRun(database, portal.Get<AuditWriter>(), database.Clock, portal.Get<FollowUps>()) { BatchSize = batchSize, ForceNeutralPath = neutral };
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task MarkExpired_InSeveralBatches_MarksExactlyTheDue_WithOneEventEachAsBefore_AndTheChainVerifies(bool neutralPath)
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await new HygieneRescorer(database, database.Clock).RescoreAllAsync();
        var now = database.Clock.GetUtcNow().UtcDateTime;
        var before = await CredentialsAsync(database);
        var due = before.Where(c => c.Value.State == CredentialState.Active && c.Value.ExpiresUtc < now).ToDictionary(c => c.Key, c => c.Value);
        const int batch = 7;
        Assert.True(due.Count > 3 * batch, $"only {due.Count} due");
        Assert.All(due.Values, c => Assert.NotNull(c.Score));
        Assert.Contains(before.Values, c => c.State == CredentialState.Active && c.IsDynamic && c.ExpiresUtc > now);
        Assert.Contains(before.Values, c => c.State == CredentialState.Revoked && c.ExpiresUtc < now);
        long lastEvent;
        await using (var db = database.CreateDbContext())
        {
            lastEvent = await db.AuditEvents.MaxAsync(e => e.Id);
        }

        var marked = await Run(database, batch, neutralPath).MarkExpiredAsync();

        Assert.Equal(due.Count, marked);
        var after = await CredentialsAsync(database);
        foreach (var (id, was) in before)
        {
            var current = after[id];
            if (due.ContainsKey(id))
            {
                Assert.Equal((CredentialState.Expired, (DateTime?)now, (int?)null), (current.State, current.StateChangedUtc, current.Score));
            }
            else
            {
                Assert.Equal(was, current);
            }
        }
        await using var check = database.CreateDbContext();
        var events = await check.AuditEvents.AsNoTracking().Where(e => e.Id > lastEvent).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(due.Count, events.Count);
        Assert.Equal(due.Keys.Select(AuditWriter.TargetKey).Order(), events.Select(e => e.TargetId!).Order());
        var key = database.ChainKey;
        foreach (var e in events)
        {
            var credential = due.Single(d => AuditWriter.TargetKey(d.Key) == e.TargetId).Value;
            Assert.Equal((AuditStream.Credential, AuditEventTypes.Credential.Expired, "system:credential-expiry", "Credential", now),
                (e.Stream, e.Type, e.Actor, e.TargetType, e.OccurredUtc));
            Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{credential.Name}: expired on {credential.ExpiresUtc:yyyy-MM-dd HH:mm} UTC"), e.Summary);
            Assert.Equal(("""{"State":"Active"}""", """{"State":"Expired"}"""), (e.BeforeJson, e.AfterJson));
            Assert.Null(e.OnBehalfOf);
            Assert.Null(e.CorrelationId);
            Assert.True(key.IsGenuine(e), $"event {e.Id} carries the portal's MAC");
        }
        var followUps = await check.Outbox.AsNoTracking().Where(m => m.Type == FollowUpTypes.Rescore && m.Actor == "system:credential-expiry").ToListAsync();
        Assert.Equal((due.Count + batch - 1) / batch, followUps.Count);
        Assert.All(followUps, m => Assert.Contains("\"All\":true", m.PayloadJson, StringComparison.Ordinal));
        var portal = TestPortal.For(database);
        Assert.True(await portal.Get<AuditChainSealer>().SealAsync() >= due.Count);
        var verified = await portal.Get<AuditChainVerifier>().VerifyAsync();
        Assert.True(verified.Intact, verified.Describe());
        Assert.Equal(0, verified.UnsealedEvents);
    }

    [Fact]
    public async Task MarkExpired_RunAgainOrLater_MarksOnlyWhatBecameDue()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        int expiredBefore;
        await using (var db = database.CreateDbContext())
        {
            expiredBefore = await db.Credentials.CountAsync(c => c.State == CredentialState.Expired);
        }
        var run = Run(database, 50, neutral: false);
        var first = await run.MarkExpiredAsync();
        Assert.True(first > 0);
        Assert.Equal(0, await run.MarkExpiredAsync());
        var now = database.Clock.GetUtcNow().UtcDateTime;
        int dueNextWeek;
        await using (var db = database.CreateDbContext())
        {
            dueNextWeek = await db.Credentials.CountAsync(c => c.State == CredentialState.Active && c.ExpiresUtc < now.AddDays(7));
        }
        Assert.True(dueNextWeek > 0);

        database.Clock.Advance(TimeSpan.FromDays(7));

        Assert.Equal(dueNextWeek, await run.MarkExpiredAsync());
        await using var check = database.CreateDbContext();
        Assert.Equal(first + dueNextWeek, await check.AuditEvents.CountAsync(a => a.Type == AuditEventTypes.Credential.Expired && a.Actor == "system:credential-expiry"));
        Assert.Equal(expiredBefore + first + dueNextWeek, await check.Credentials.CountAsync(c => c.State == CredentialState.Expired));
    }
}
