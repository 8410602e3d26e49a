using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NhiPortal.Core.Access;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Revocation;

namespace NhiPortal.Infrastructure.Tests.Revocation;

/// <summary>What the run page's live updates rest on: coalesced change notices, and step counts kept on the run that equal the aggregate.</summary>
public class RunPushTests
{
    [Fact]
    public async Task Publish_ABurstWithinTheInterval_GivesOneNoticeAtOnce_AndOneTrailingNotice()
    {
        var clock = new FakeTimeProvider(TestDatabase.Now);
        var events = new RevocationRunEvents(clock, NullLogger<RevocationRunEvents>.Instance);
        var runId = Guid.NewGuid();
        var notices = 0;
        using var subscription = events.Subscribe(runId, () =>
        {
            Interlocked.Increment(ref notices);
            return Task.CompletedTask;
        });

        events.Publish(runId);
        for (var i = 0; i < 20; i++)
        {
            events.Publish(runId);
        }

        Assert.Equal(1, Volatile.Read(ref notices));
        clock.Advance(RevocationRunEvents.Interval);
        await WaitForAsync(() => Volatile.Read(ref notices) == 2);
        clock.Advance(RevocationRunEvents.Interval * 4);
        await Task.Delay(50);
        Assert.Equal(2, Volatile.Read(ref notices));
        subscription.Dispose();
        events.Publish(runId);
        Assert.Equal((2, 0), (Volatile.Read(ref notices), events.SubscriberCount(runId)));
    }

    [Fact]
    public async Task AnExecutedRun_KeepsItsStepCountsOnTheRun_EqualToTheAggregateOverItsSteps()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await using var portal = new TestPortal(database);
        Guid identity;
        await using (var db = database.CreateDbContext())
        {
            identity = await db.Credentials.Where(c => c.State == CredentialState.Active && c.IdentityId != null).GroupBy(c => c.IdentityId!.Value)
                .Where(g => g.Count() >= 2).Select(g => g.Key).FirstAsync();
        }
        var runId = await portal.As<IRevocationService>("demo-operator", PortalRole.SecurityOperator)
            .StartAsync(new RevocationRequest([], "INC-9 counts", identity, IncludeManual: true));
        var runs = portal.As<IRevocationRunQueries>("demo-operator", PortalRole.SecurityOperator);
        var requested = await runs.GetSummaryAsync(runId);

        await portal.Get<RevocationExecutor>().ExecuteAsync(runId);

        var executed = await runs.GetSummaryAsync(runId);
        await using var check = database.CreateDbContext();
        var run = await check.RevocationRuns.SingleAsync(r => r.Id == runId);
        var aggregate = await check.RevocationSteps.Where(s => s.RunId == runId).GroupBy(s => s.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.True(requested.TotalSteps >= 2);
        Assert.Equal(requested.TotalSteps, requested.Count(RevocationStepStatus.Pending));
        Assert.Equal((0, requested.TotalSteps), (run.StepsPending, run.StepsRevoked + run.StepsVerified));
        Assert.Equal(aggregate.OrderBy(a => a.Key), executed.StepCounts.OrderBy(a => a.Key));
        Assert.Equal(requested.TotalSteps, (await runs.GetStepsAsync(runId, null, 50)).TotalCount);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(20);
        }
        Assert.True(condition());
    }
}
