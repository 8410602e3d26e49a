using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Feed;
using NhiPortal.Infrastructure.Feed;

namespace NhiPortal.Infrastructure.Tests.Feed;

/// <summary>
/// A server database can commit a lower id after a higher one: the feed must not step past the gap until it has seen the
/// row after it for the wait, however old that row's own time is (a long transaction writes early and commits late).
/// </summary>
public class FeedGapTests
{
    private sealed class RecordingTransport : IFeedTransport
    {
        public bool WantsHistory => false;

        public List<long> Sequences { get; } = [];

        public Task<FeedSendResult> SendAsync(IReadOnlyList<FeedMessage> messages, CancellationToken ct)
        {
            Sequences.AddRange(messages.Where(m => m.Sequence is not null).Select(m => m.Sequence!.Value));
            return Task.FromResult(new FeedSendResult(messages.Count, null));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task ARowAfterAGap_WaitsFromWhenTheFeedFirstSawIt_NotFromItsOwnTime()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        var portal = new TestPortal(database, configure: s => s.AddSingleton(new FeedOptions { GapWaitSeconds = 60, HeadsIntervalSeconds = 3600 }));
        var destination = await portal.As<IFeedDestinations>(FeedHarness.Admin).SaveAsync(
            new FeedDestinationInput { Name = "siem", Kind = FeedKind.Syslog, Address = "127.0.0.1:6514", Tls = true });
        long last;
        await using (var db = database.CreateDbContext())
        {
            last = await db.AuditEvents.MaxAsync(e => e.Id);
            // Committed now, written a day ago: id last + 1 is still open in another transaction.
            db.AuditEvents.Add(new AuditEvent
            {
                Id = last + 2, Stream = AuditStream.Access, Type = "LateCommit", OccurredUtc = database.Clock.GetUtcNow().UtcDateTime.AddDays(-1),
                Actor = "system:test", TargetType = "Test",
            });
            await db.SaveChangesAsync();
        }
        var delivery = portal.Get<FeedDelivery>();
        var transport = new RecordingTransport();

        await delivery.RunAsync(await RowAsync(database, destination.Id), transport, CancellationToken.None);
        database.Clock.Advance(TimeSpan.FromSeconds(30));
        await delivery.RunAsync(await RowAsync(database, destination.Id), transport, CancellationToken.None);

        Assert.Equal(last, transport.Sequences.Max());
        database.Clock.Advance(TimeSpan.FromSeconds(31));
        await delivery.RunAsync(await RowAsync(database, destination.Id), transport, CancellationToken.None);
        Assert.Equal(last + 2, transport.Sequences.Max());
        Assert.Equal(transport.Sequences.Distinct().Count(), transport.Sequences.Count);
    }

    private static async Task<FeedDestination> RowAsync(TestDatabase database, Guid id)
    {
        await using var db = database.CreateDbContext();
        return await db.FeedDestinations.AsNoTracking().SingleAsync(d => d.Id == id);
    }
}
