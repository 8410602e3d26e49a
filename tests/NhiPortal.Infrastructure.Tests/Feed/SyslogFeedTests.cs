using NhiPortal.Core.Feed;
using NhiPortal.Tests.Shared;
using NhiPortal.Infrastructure.Feed;

namespace NhiPortal.Infrastructure.Tests.Feed;

/// <summary>The feed into a real rsyslog (imtcp on 127.0.0.1, omfile): order, ids, outages, restarts and replay.</summary>
public class SyslogFeedTests(RsyslogFixture fixture) : IClassFixture<RsyslogFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private RsyslogServer Server => fixture.Server;

    public async Task InitializeAsync()
    {
        await Server.StartAgainAsync();
        Server.Clear();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private FeedDestinationInput Destination(FeedFormat format = FeedFormat.Ocsf) =>
        new() { Name = "rsyslog", Kind = FeedKind.Syslog, Format = format, Address = Server.Address };

    [Fact]
    public async Task Deliver_EventsWrittenThroughThePortal_ArriveInOrderWithTheirIds()
    {
        await using var feed = await FeedHarness.CreateAsync();
        await feed.WriteEventsAsync(20);
        var destination = await feed.AddAsync(Destination());

        await feed.StartJobAsync();
        var expected = await feed.AllIdsAsync();

        Assert.True(await Server.WaitForAsync(s => s.ReceivedEventIds().Count >= expected.Count, Patience), $"received {Server.ReceivedEventIds().Count} of {expected.Count}");
        Assert.Equal(expected, Server.ReceivedEventIds());
        // The cursor moves just after the write: wait for it rather than race it.
        Assert.True(await feed.WaitForAsync(async () => (await feed.RowAsync(destination.Id)).Cursor == expected[^1], Patience));
        var row = await feed.RowAsync(destination.Id);
        Assert.Equal(0, row.Lag);
        Assert.Equal(expected.Count, row.DeliveredCount);
        // OCSF JSON in the message, its uid the event id.
        Assert.Contains(Server.Lines(), l => l.Contains($"\"uid\":\"{expected[0]}\"", StringComparison.Ordinal) && l.Contains("\"class_uid\":", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deliver_Cef_ArrivesAsCefLines()
    {
        await using var feed = await FeedHarness.CreateAsync();
        await feed.WriteEventsAsync(2);
        await feed.AddAsync(Destination(FeedFormat.Cef));

        await feed.StartJobAsync();

        var expected = await feed.AllIdsAsync();
        Assert.True(await Server.WaitForAsync(s => s.ReceivedEventIds().Count >= expected.Count, Patience));
        Assert.All(Server.Lines(), l => Assert.Contains("CEF:0|NhiPortal|NhiPortal|1|", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deliver_ReceiverDown_ActionsSucceed_AndNothingIsLostWhenItIsBack()
    {
        await using var feed = await FeedHarness.CreateAsync();
        var destination = await feed.AddAsync(Destination());
        await feed.StartJobAsync();
        await feed.WriteEventsAsync(5);
        var first = await feed.LatestIdAsync();
        Assert.True(await Server.WaitForAsync(s => s.ReceivedEventIds().Contains(first), Patience));

        await Server.StopAsync();
        // Every action succeeds while the receiver is down.
        await feed.WriteEventsAsync(10);
        var last = await feed.LatestIdAsync();
        Assert.True(await feed.WaitForAsync(async () => (await feed.RowAsync(destination.Id)).LastError is not null, Patience), "the outage shows as the last error");
        var during = await feed.RowAsync(destination.Id);
        Assert.True(during.Lag > 0);
        Assert.True(during.FailureCount > 0);
        await Server.StartAgainAsync();

        Assert.True(await Server.WaitForAsync(s => s.ReceivedEventIds().Contains(last), Patience), $"last error: {(await feed.RowAsync(destination.Id)).LastError}");
        Assert.Equal(await feed.AllIdsAsync(), Server.ReceivedEventIds().Distinct().Order().ToList());
        Assert.True(await feed.WaitForAsync(async () => (await feed.RowAsync(destination.Id)) is { LastError: null, Lag: 0 }, Patience));
    }

    [Fact]
    public async Task Deliver_PortalRestart_TheNewJobPicksUpFromTheStoredCursor()
    {
        await using var feed = await FeedHarness.CreateAsync(new FeedOptions { PollMilliseconds = 100, MaxRetrySeconds = 1, HeadsIntervalSeconds = 3600, RestartResendEvents = 2 });
        var destination = await feed.AddAsync(Destination());
        await feed.WriteEventsAsync(5);
        await feed.StartJobAsync();
        var first = await feed.LatestIdAsync();
        Assert.True(await Server.WaitForAsync(s => s.ReceivedEventIds().Contains(first), Patience));
        // The cursor is stored just after the send: a job stopped in between sends those again (at least once).
        Assert.True(await feed.WaitForAsync(async () => (await feed.RowAsync(destination.Id)).Cursor == first, Patience));
        await feed.StopJobAsync();

        await feed.WriteEventsAsync(5);
        var cursorWhileStopped = (await feed.RowAsync(destination.Id)).Cursor;
        await feed.StartJobAsync();

        var last = await feed.LatestIdAsync();
        Assert.Equal(first, cursorWhileStopped);
        Assert.True(await Server.WaitForAsync(s => s.ReceivedEventIds().Contains(last), Patience));
        Assert.Equal(await feed.AllIdsAsync(), Server.ReceivedEventIds().Distinct().Order().ToList());
        // The second job started from the cursor, after sending the last two events before it again (its history): nothing else twice.
        var twice = Server.ReceivedEventIds().GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).Order().ToList();
        Assert.Equal([first - 1, first], twice);
    }

    [Fact]
    public async Task Deliver_ReceiverHangs_ThenIsLostWithItsBuffers_WhileThePortalRestarts_NothingIsLost()
    {
        await using var feed = await FeedHarness.CreateAsync();
        var destination = await feed.AddAsync(Destination());
        await feed.StartJobAsync();
        await feed.WriteEventsAsync(3);
        var first = await feed.LatestIdAsync();
        Assert.True(await Server.WaitForAsync(s => s.ReceivedEventIds().Contains(first), Patience));

        // The receiver hangs with the connection open: the portal's writes land in socket buffers and its cursor moves on.
        await Server.PauseAsync();
        await feed.WriteEventsAsync(5);
        var last = await feed.LatestIdAsync();
        Assert.True(await feed.WaitForAsync(async () => (await feed.RowAsync(destination.Id)).Cursor == last, Patience));
        await feed.StopJobAsync();
        await Server.KillAsync();
        Assert.DoesNotContain(last, Server.ReceivedEventIds());

        await Server.StartAgainAsync();
        await feed.StartJobAsync();

        Assert.True(await Server.WaitForAsync(s => s.ReceivedEventIds().Contains(last), Patience), "the events buffered for the lost receiver were not sent again");
        Assert.Equal(await feed.AllIdsAsync(), Server.ReceivedEventIds().Distinct().Order().ToList());
    }

    [Fact]
    public async Task Deliver_TwoInstances_OneHoldsTheDestinationsLease_SoEachEventArrivesOnce()
    {
        await using var feed = await FeedHarness.CreateAsync();
        await feed.AddAsync(Destination());
        await feed.StartJobAsync();
        await feed.StartSecondJobAsync();

        await feed.WriteEventsAsync(30);

        var expected = await feed.AllIdsAsync();
        Assert.True(await Server.WaitForAsync(s => s.ReceivedEventIds().Count >= expected.Count, Patience));
        await Task.Delay(500);
        Assert.Equal(expected, Server.ReceivedEventIds());
    }

    [Fact]
    public async Task Replay_FromASequence_ResendsThem_AndTheDedupedSetIsExact()
    {
        await using var feed = await FeedHarness.CreateAsync();
        var destination = await feed.AddAsync(Destination());
        await feed.WriteEventsAsync(10);
        await feed.StartJobAsync();
        var all = await feed.AllIdsAsync();
        Assert.True(await Server.WaitForAsync(s => s.ReceivedEventIds().Contains(all[^1]), Patience));
        // The cursor moves just after the write, and a replay may not start beyond it.
        Assert.True(await feed.WaitForAsync(async () => (await feed.RowAsync(destination.Id)).Cursor == all[^1], Patience));
        var from = all[all.Count / 2];

        await feed.Destinations.ReplayAsync(destination.Id, from);

        // The replay is itself an audit event, delivered after the replayed ones.
        var withReplay = await feed.AllIdsAsync();
        // A pass under way when the replay committed may send the replay's own event once before the replay: so wait
        // for the replayed run itself, not for that event.
        var replayed = withReplay.Where(id => id >= from).ToList();
        List<long> Replayed(IReadOnlyList<long> received) => received.Skip(all.Count).SkipWhile(id => id != from).ToList();
        await Server.WaitForAsync(s => Replayed(s.ReceivedEventIds()).SequenceEqual(replayed), Patience);
        var received = Server.ReceivedEventIds();
        Assert.Equal(withReplay, received.Distinct().Order().ToList());
        Assert.Equal(replayed, Replayed(received));
        // After a replay the chain heads go out again, once the replayed events are out.
        Assert.True(await feed.WaitForAsync(async () => (await feed.RowAsync(destination.Id)).LastHeadsUtc is not null, Patience));
    }

    [Fact]
    public async Task Replay_SendsTheChainHeadsAgain_AfterTheReplayedEvents()
    {
        await using var feed = await FeedHarness.CreateAsync();
        await feed.WriteEventsAsync(4);
        await feed.Portal.Get<Infrastructure.Audit.AuditChainSealer>().SealAsync();
        var destination = await feed.AddAsync(Destination());
        await feed.StartJobAsync();
        Assert.True(await Server.WaitForAsync(s => s.ReceivedIds().Any(id => id.StartsWith("head-", StringComparison.Ordinal)), Patience));
        Server.Clear();

        await feed.Destinations.ReplayAsync(destination.Id, 1);

        // A pass already under way when the replay committed may send the replay's own event once before the
        // replay takes effect (at least once; its cursor write then loses): the replay starts at the first "1".
        static List<string> Replayed(RsyslogServer s) => s.ReceivedIds().SkipWhile(id => id != "1").ToList();
        Assert.True(await Server.WaitForAsync(s => Replayed(s).Any(id => id.StartsWith("head-", StringComparison.Ordinal)), Patience));
        var ids = Replayed(Server);
        var firstHead = ids.FindIndex(id => id.StartsWith("head-", StringComparison.Ordinal));
        // Every event, the replay's own included, then the heads.
        var events = (await feed.AllIdsAsync()).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(events, ids.Take(firstHead));
    }

    [Fact]
    public async Task Deliver_ChainHeads_GoOutPerStreamWithTheLatestSealedLink()
    {
        await using var feed = await FeedHarness.CreateAsync();
        await feed.WriteEventsAsync(3);
        await feed.Portal.Get<Infrastructure.Audit.AuditChainSealer>().SealAsync();
        await feed.AddAsync(Destination());

        await feed.StartJobAsync();

        Assert.True(await Server.WaitForAsync(s => s.ReceivedIds().Any(id => id.StartsWith("head-Access-", StringComparison.Ordinal)), Patience));
        await using var db = feed.Database.CreateDbContext();
        var head = db.AuditChainLinks.Where(l => l.Stream == Core.Audit.AuditStream.Access).OrderByDescending(l => l.Sequence).First();
        var line = Assert.Single(Server.Lines(), l => l.Contains($"id=\"head-Access-{head.Sequence}\"", StringComparison.Ordinal));
        Assert.Contains(head.Hash, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_ChainHeads_GoOutAgainEveryInterval_WithTheNewHeads()
    {
        await using var feed = await FeedHarness.CreateAsync(new FeedOptions { PollMilliseconds = 100, MaxRetrySeconds = 1, HeadsIntervalSeconds = 6 });
        await feed.WriteEventsAsync(3);
        var sealer = feed.Portal.Get<Infrastructure.Audit.AuditChainSealer>();
        await sealer.SealAsync();
        await feed.AddAsync(Destination());
        await feed.StartJobAsync();
        var before = await HeadAsync(feed);
        Assert.True(await Server.WaitForAsync(s => s.ReceivedIds().Contains($"head-Access-{before}"), Patience));

        await feed.WriteEventsAsync(3);
        await sealer.SealAsync();
        var after = await HeadAsync(feed);
        var latest = await feed.LatestIdAsync();
        Assert.True(await Server.WaitForAsync(s => s.ReceivedEventIds().Contains(latest), Patience));
        Assert.True(after > before);
        Assert.DoesNotContain($"head-Access-{after}", Server.ReceivedIds());

        // Once the interval has passed, a pass sends the heads as they are now, with no new event to carry them.
        Assert.True(await Server.WaitForAsync(s => s.ReceivedIds().Contains($"head-Access-{after}"), Patience), "the heads did not go out again after the interval");
    }

    private static async Task<long> HeadAsync(FeedHarness feed)
    {
        await using var db = feed.Database.CreateDbContext();
        return db.AuditChainLinks.Where(l => l.Stream == Core.Audit.AuditStream.Access).Max(l => l.Sequence);
    }
}
