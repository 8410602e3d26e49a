using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Access;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Outbox;
using NhiPortal.Core.Ownership;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Credentials;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Tests.Outbox;

/// <summary>Follow-ups commit with their cause, survive a host that stops before dispatching, and take effect once.</summary>
public class OutboxTests
{
    private sealed class FlakyHandler(int failures) : IFollowUpHandler
    {
        public int Calls { get; private set; }

        public string Type => "test.flaky";

        public int BatchSize => 1;

        public Task HandleAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken ct)
        {
            Calls++;
            return Calls <= failures ? throw new TimeoutException($"receiver down (call {Calls})") : Task.CompletedTask;
        }
    }

    private static async Task<TestDatabase> SeededAsync()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        return database;
    }

    private static async Task<(Guid Leaver, int ActiveOwned)> LeaverAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var pick = await db.StaffMembers.Where(s => s.IsActive && s.Subject != "demo-operator")
            .Select(s => new { s.Id, Owned = db.Identities.Count(i => i.OwnerId == s.Id && i.LifecycleState == IdentityLifecycleState.Active) })
            .Where(s => s.Owned > 2).FirstAsync();
        return (pick.Id, pick.Owned);
    }

    [Fact]
    public async Task AHostThatStopsBetweenCommitAndDispatch_LeavesTheFollowUp_AndANewHostCarriesItOutOnceInEffect()
    {
        await using var database = await SeededAsync();
        var (leaver, owned) = await LeaverAsync(database);
        await using (var first = new TestPortal(database))
        {
            await first.As<IOwnershipService>("demo-operator", PortalRole.SecurityOperator).MarkStaffLeftAsync(leaver, "Left on Friday, badge returned");
            // The host stops here: nothing dispatched.
        }
        await using (var db = database.CreateDbContext())
        {
            Assert.Equal(0, await db.ReviewCampaigns.CountAsync(c => c.Scope == ReviewScope.OwnerDeparture));
            Assert.Equal(1, await db.Outbox.CountAsync(m => m.Type == FollowUpTypes.DepartureReview && m.CompletedUtc == null));
        }

        await using (var second = new TestPortal(database))
        {
            Assert.True(await second.DrainAsync() >= 2);
        }
        // A crash after the work but before "done" was written delivers the row again: the handler finds its campaign.
        await using (var db = database.CreateDbContext())
        {
            await db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.CompletedUtc, (DateTime?)null));
        }
        await using (var third = new TestPortal(database))
        {
            await third.DrainAsync();
        }

        await using var check = database.CreateDbContext();
        var campaign = await check.ReviewCampaigns.Include(c => c.Items).SingleAsync(c => c.Scope == ReviewScope.OwnerDeparture);
        Assert.Equal(owned, campaign.Items.Count);
        Assert.Equal("system:reviews", campaign.CreatedBy);
        Assert.Equal(0, await check.Outbox.CountAsync(m => m.CompletedUtc == null));
    }

    [Fact]
    public async Task AHandlerThatFailsTwice_SucceedsOnTheThirdTry_WithBackoff_AndItsErrorStaysInViewMeanwhile()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var flaky = new FlakyHandler(failures: 2);
        await using var portal = new TestPortal(database, configure: s => s.AddSingleton<IFollowUpHandler>(flaky));
        await using (var db = database.CreateDbContext())
        {
            portal.Get<FollowUps>().Add(db, "test.flaky", PortalUser.System("test"), "Test", "1", new { Value = 1 });
            await db.SaveChangesAsync();
        }
        async Task<OutboxMessage> RowAsync()
        {
            await using var db = database.CreateDbContext();
            return await db.Outbox.SingleAsync();
        }

        Assert.Equal(0, await portal.Dispatcher.DispatchDueAsync());
        var failed = await RowAsync();
        Assert.Equal((1, OutboxState.Pending), (failed.Attempts, failed.State));
        Assert.Contains("receiver down (call 1)", failed.LastError, StringComparison.Ordinal);
        // Not due again until the backoff has passed.
        Assert.Equal(0, await portal.Dispatcher.DispatchDueAsync());
        Assert.Equal(1, flaky.Calls);

        database.Clock.Advance(RetrySchedule.After(1));
        Assert.Equal(0, await portal.Dispatcher.DispatchDueAsync());
        Assert.Equal(2, (await RowAsync()).Attempts);
        database.Clock.Advance(RetrySchedule.After(2));
        Assert.Equal(1, await portal.Dispatcher.DispatchDueAsync());

        var done = await RowAsync();
        Assert.Equal((OutboxState.Done, 3, null), (done.State, done.Attempts, done.LastError));
        Assert.Equal(3, flaky.Calls);
        Assert.True(RetrySchedule.After(2) > RetrySchedule.After(1));
    }

    [Fact]
    public async Task ARowThatRunsOutOfRetries_IsFailed_AndARetryFromTheBackgroundPageRunsItAgain()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var flaky = new FlakyHandler(failures: RetrySchedule.MaxAttempts);
        await using var portal = new TestPortal(database, configure: s => s.AddSingleton<IFollowUpHandler>(flaky));
        await using (var db = database.CreateDbContext())
        {
            portal.Get<FollowUps>().Add(db, "test.flaky", PortalUser.System("test"), "Test", "1", new { Value = 1 });
            await db.SaveChangesAsync();
        }
        for (var attempt = 1; attempt <= RetrySchedule.MaxAttempts; attempt++)
        {
            await portal.Dispatcher.DispatchDueAsync();
            database.Clock.Advance(RetrySchedule.After(attempt));
        }
        var work = portal.As<IBackgroundWork>("demo-admin", PortalRole.Administrator);
        var row = Assert.Single((await work.GetAsync()).FollowUps);
        Assert.Equal(OutboxState.Failed, row.State);
        Assert.Equal(0, await portal.Dispatcher.DispatchDueAsync());

        await work.RetryAsync(row.Sequence);

        Assert.Equal(1, await portal.Dispatcher.DispatchDueAsync());
        Assert.Empty((await work.GetAsync()).FollowUps);
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.As<IBackgroundWork>("demo-reviewer", PortalRole.Reviewer).GetAsync());
    }

    [Fact]
    public async Task ManyStaleScoreRows_CoalesceIntoOneRescore_AndTooManyIdentitiesBecomeAFullOne()
    {
        await using var database = await SeededAsync();
        await using var portal = new TestPortal(database);
        Guid[] some;
        await using (var db = database.CreateDbContext())
        {
            some = await db.Identities.Select(i => i.Id).Take(3).ToArrayAsync();
            await db.Identities.Where(i => some.Contains(i.Id)).ExecuteUpdateAsync(s => s.SetProperty(i => i.HygieneScore, (int?)null));
        }
        async Task<int> SnapshotsAsync()
        {
            await using var db = database.CreateDbContext();
            return await db.HygieneSnapshots.CountAsync();
        }
        var before = await SnapshotsAsync();
        await using (var db = database.CreateDbContext())
        {
            foreach (var id in some)
            {
                portal.Get<FollowUps>().Rescore(db, PortalUser.System("test"), [id], "test");
            }
            await db.SaveChangesAsync();
        }

        Assert.Equal(3, await portal.DrainAsync());

        await using (var db = database.CreateDbContext())
        {
            Assert.All(await db.Identities.Where(i => some.Contains(i.Id)).Select(i => i.HygieneScore).ToListAsync(), s => Assert.NotNull(s));
        }
        Assert.Equal(before, await SnapshotsAsync());
        await using (var db = database.CreateDbContext())
        {
            portal.Get<FollowUps>().Rescore(db, PortalUser.System("test"), Enumerable.Range(0, 1_500).Select(_ => Guid.NewGuid()), "bulk one");
            portal.Get<FollowUps>().Rescore(db, PortalUser.System("test"), Enumerable.Range(0, 1_500).Select(_ => Guid.NewGuid()), "bulk two");
            await db.SaveChangesAsync();
        }
        Assert.Equal(2, await portal.DrainAsync());
        Assert.Equal(before + 1, await SnapshotsAsync());
    }

    [Fact]
    public async Task TheExpirySweep_LeavesNoStaleScore_TheSnapshotCountsWhatIsStillActive()
    {
        await using var database = await SeededAsync();
        await using var portal = new TestPortal(database);
        database.Clock.Advance(TimeSpan.FromDays(20));

        Assert.True(await portal.Get<CredentialExpiryRun>().MarkExpiredAsync() > 0);
        await portal.DrainAsync();

        await using var db = database.CreateDbContext();
        var latest = await db.HygieneSnapshots.OrderByDescending(s => s.Id).FirstAsync();
        Assert.Equal(await db.Credentials.CountAsync(c => c.State == CredentialState.Active), latest.ScoredCredentials);
        Assert.Equal(0, await db.Credentials.CountAsync(c => c.State != CredentialState.Active && c.HygieneScore != null));
    }

    [Fact]
    public async Task AStartThatFailsValidation_WritesNoFollowUp_AndADecisionBatchIsAllOrNothing()
    {
        await using var database = await SeededAsync();
        await using var portal = new TestPortal(database);
        Guid operatorId;
        await using (var db = database.CreateDbContext())
        {
            operatorId = await db.StaffMembers.Where(s => s.Subject == "demo-operator").Select(s => s.Id).SingleAsync();
        }
        await portal.As<ICampaignCommands>("demo-operator", PortalRole.SecurityOperator).CreateAsync(new CampaignDraft("Batch", ReviewScope.AllIdentities, null,
            operatorId, UnansweredPolicy.FlagForFollowUp));
        await portal.DrainAsync();
        var queue = await portal.As<IReviewQueue>("demo-reviewer", PortalRole.Reviewer).MyQueueAsync();
        var (a, b) = (queue[0], queue[1]);

        // The second decision lacks its justification: nothing of the batch is written, not even the first decision's run.
        await Assert.ThrowsAsync<Core.Common.ValidationException>(() => portal.As<IReviewDecisions>("demo-reviewer", PortalRole.Reviewer).DecideManyAsync([
            new DecisionRequest(a.Id, a.Version, ReviewDecision.RevokeCredentials, "INC-77 not used since spring"),
            new DecisionRequest(b.Id, b.Version, ReviewDecision.RevokeCredentials, null)]));

        await using var check = database.CreateDbContext();
        Assert.Equal(0, await check.Outbox.CountAsync(m => m.Type == FollowUpTypes.ReviewRemediation));
        Assert.Equal(0, await check.ReviewItems.CountAsync(i => i.Decision != null));
    }
}

/// <summary>The dispatcher as the host runs it: two instances on one database, one lease, every row carried out once.</summary>
public class OutboxDispatchJobTests
{
    private sealed class CountingHandler : IFollowUpHandler
    {
        private int _rows;

        public int Rows => _rows;

        public string Type => "test.count";

        public int BatchSize => 7;

        public Task HandleAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken ct)
        {
            Interlocked.Add(ref _rows, batch.Count);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task TwoInstancesDispatching_CarryOutEachFollowUpOnce()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var counting = new CountingHandler();
        await using var one = new TestPortal(database, configure: s => s.AddSingleton<IFollowUpHandler>(counting));
        await using var two = new TestPortal(database, configure: s => s.AddSingleton<IFollowUpHandler>(counting));
        var fast = new OutboxOptions { PollMilliseconds = 50 };
        await using (var db = database.CreateDbContext())
        {
            for (var i = 0; i < 40; i++)
            {
                one.Get<FollowUps>().Add(db, "test.count", PortalUser.System("test"), "Test", i.ToString(System.Globalization.CultureInfo.InvariantCulture), new { i });
            }
            await db.SaveChangesAsync();
        }
        var jobs = new[] { one.Create<OutboxDispatchJob>(fast), two.Create<OutboxDispatchJob>(fast) };

        foreach (var job in jobs)
        {
            await job.StartAsync(default);
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        int open;
        do
        {
            await Task.Delay(100);
            await using var db = database.CreateDbContext();
            open = await db.Outbox.CountAsync(m => m.CompletedUtc == null);
        }
        while (open > 0 && DateTime.UtcNow < deadline);
        foreach (var job in jobs)
        {
            await job.StopAsync(default);
        }

        Assert.Equal(0, open);
        Assert.Equal(40, counting.Rows);
        await using var check = database.CreateDbContext();
        Assert.Equal(1, await check.JobLeases.CountAsync(l => l.Name == OutboxDispatchJob.JobName));
        Assert.Equal(OutboxDispatchJob.JobName, (await check.JobStatuses.SingleAsync()).Name);
    }
}

public class JobStatusRecorderTests
{
    [Fact]
    public async Task RecordingAFailure_WhenTheDatabaseItselfFails_DoesNotThrowIntoTheJobsErrorHandler()
    {
        // Never migrated: every write fails, as it would while the database is down.
        await using var database = new TestDatabase();
        await using var portal = new TestPortal(database);
        var recorder = portal.Get<JobStatusRecorder>();
        var now = TestDatabase.Now.UtcDateTime;

        await Assert.ThrowsAnyAsync<Exception>(() => recorder.SucceededAsync("outbox", now, "done", default));
        await recorder.FailedAsync("outbox", now, new TimeoutException("database unreachable"), default);
    }
}
