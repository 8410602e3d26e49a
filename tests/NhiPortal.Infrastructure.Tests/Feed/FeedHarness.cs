using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Access;
using NhiPortal.Core.Feed;
using NhiPortal.Infrastructure.Feed;

namespace NhiPortal.Infrastructure.Tests.Feed;

/// <summary>
/// The portal's real service graph on a new database and the real clock, with a fast feed (polls every 100 ms, backs
/// off at most 1 s), its delivery job started and stopped like the host's, and audit events written by a real use case
/// (a sign-in writes one or two).
/// </summary>
internal sealed class FeedHarness : IAsyncDisposable
{
    public static readonly PortalUser Admin = FixedCurrentUser.Person("demo-admin", PortalRole.Administrator);
    private FeedDeliveryJob? _job;
    private FeedDeliveryJob? _second;
    private int _people;

    private FeedHarness(TestDatabase database, FeedOptions options)
    {
        Database = database;
        Portal = new TestPortal(database, configure: s =>
        {
            s.AddSingleton(TimeProvider.System);
            s.AddSingleton(options);
        });
    }

    public TestDatabase Database { get; }

    public TestPortal Portal { get; }

    public static async Task<FeedHarness> CreateAsync(FeedOptions? options = null) =>
        new(await TestDatabase.CreateMigratedAsync(), options ?? new FeedOptions { PollMilliseconds = 100, MaxRetrySeconds = 1, HeadsIntervalSeconds = 3600 });

    public IFeedDestinations Destinations => Portal.As<IFeedDestinations>(Admin);

    public Task<FeedDestinationRow> AddAsync(FeedDestinationInput input) => Destinations.SaveAsync(input);

    public async Task<FeedDestinationRow> RowAsync(Guid id) => (await Destinations.ListAsync()).Single(r => r.Id == id);

    /// <summary>Signs in <paramref name="count"/> new people through the portal (each writes audit events); returns the highest event id.</summary>
    public async Task<long> WriteEventsAsync(int count)
    {
        var recorder = Portal.As<ISignInRecorder>(Admin);
        for (var i = 0; i < count; i++)
        {
            var n = Interlocked.Increment(ref _people);
            await recorder.RecordSignInAsync(FixedCurrentUser.Person($"feed-person-{n}", PortalRole.Auditor));
        }
        return await LatestIdAsync();
    }

    public async Task<long> LatestIdAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.AuditEvents.MaxAsync(e => (long?)e.Id) ?? 0;
    }

    public async Task<IReadOnlyList<long>> AllIdsAsync(long from = 1)
    {
        await using var db = Database.CreateDbContext();
        return await db.AuditEvents.Where(e => e.Id >= from).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
    }

    /// <summary>A new job instance, as a (re)started portal has.</summary>
    public async Task StartJobAsync()
    {
        _job = Portal.Create<FeedDeliveryJob>();
        await _job.StartAsync(CancellationToken.None);
    }

    /// <summary>A second instance of the portal's job beside the first (as a second portal on the same database).</summary>
    public async Task StartSecondJobAsync()
    {
        _second = Portal.Create<FeedDeliveryJob>();
        await _second.StartAsync(CancellationToken.None);
    }

    public async Task StopJobAsync()
    {
        if (_second is not null)
        {
            await _second.StopAsync(CancellationToken.None);
            _second.Dispose();
            _second = null;
        }
        if (_job is not null)
        {
            await _job.StopAsync(CancellationToken.None);
            _job.Dispose();
            _job = null;
        }
    }

    public async Task<bool> WaitForAsync(Func<Task<bool>> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (await done())
            {
                return true;
            }
            await Task.Delay(50);
        }
        return await done();
    }

    public async ValueTask DisposeAsync()
    {
        await StopJobAsync();
        await Portal.DisposeAsync();
        await Database.DisposeAsync();
    }
}
