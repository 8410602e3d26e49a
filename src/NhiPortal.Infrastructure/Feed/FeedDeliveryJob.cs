using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NhiPortal.Core.Feed;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Feed;

/// <summary>
/// Delivers the audit feed: every <c>Feed:PollMilliseconds</c> (or at once when a destination changed here) each enabled
/// destination gets a pass, under its own lease <c>feed:&lt;id&gt;</c>, so any instance may deliver but only one per
/// destination at a time, and a slow receiver never holds up another. A pass that read a full batch goes on at once.
/// Connections are kept between passes and rebuilt when the destination's settings change.
/// </summary>
public sealed class FeedDeliveryJob(
    IDbContextFactory<NhiPortalDbContext> dbFactory, FeedDelivery delivery, FeedDestinationSeeder seeder, FeedSignal signal, TimeProvider clock,
    FeedOptions options, ILogger<FeedDeliveryJob> logger) : BackgroundService
{
    // Renewed between passes in its last third (60 s), longer than a pass can take (a syslog connect and send, 40 s;
    // a webhook pass stops taking new events after WebhookTransport.PassBudget), so it never lapses mid-pass.
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(3);
    private readonly string _holder = JobStatusRecorder.NewHolder();
    private readonly ConcurrentDictionary<Guid, Worker> _workers = new();

    public static string LeaseName(Guid id) => $"feed:{id:D}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await seeder.SeedAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Seeding the feed destinations from configuration failed; the stored ones are delivered");
        }
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await TickAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "The feed job failed; it tries again at the next poll");
                }
                await signal.WaitAsync(options.Poll, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            await StopWorkersAsync();
        }
    }

    private async Task TickAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var enabled = await db.FeedDestinations.AsNoTracking().Where(d => d.Enabled).Select(d => d.Id).ToListAsync(ct);
        foreach (var gone in _workers.Keys.Except(enabled).ToList())
        {
            if (_workers.TryRemove(gone, out var worker))
            {
                await worker.Pass;
                await worker.StopAsync(gone, dbFactory, _holder, clock);
            }
        }
        foreach (var id in enabled)
        {
            var worker = _workers.GetOrAdd(id, _ => new Worker());
            if (worker.Pass.IsCompleted)
            {
                worker.Pass = Task.Run(() => PassAsync(id, worker, ct), ct);
            }
        }
    }

    private async Task PassAsync(Guid id, Worker worker, CancellationToken ct)
    {
        try
        {
            if (!await HoldLeaseAsync(id, worker, ct))
            {
                return;
            }
            FeedPassResult result;
            do
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var destination = await db.FeedDestinations.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
                if (destination is null)
                {
                    return;
                }
                var transport = await worker.TransportForAsync(destination, options, clock);
                result = await delivery.RunAsync(destination, transport, ct);
                if (result.Error is not null && result.Error != worker.LastLoggedError)
                {
                    // Once per distinct error, not every retry; the page shows it too. Never a secret: errors name references only.
                    logger.LogWarning("Feed destination {Destination}: {Error}; retried with backoff", destination.Name, result.Error);
                }
                worker.LastLoggedError = result.Error;
            }
            while (result.More && !ct.IsCancellationRequested && await HoldLeaseAsync(id, worker, ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Feed destination {Id}: the pass failed; it tries again at the next poll", id);
        }
    }

    // Renewed only in the lease's last third, as the outbox does.
    private async Task<bool> HoldLeaseAsync(Guid id, Worker worker, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now + Lease / 3 < worker.LeaseUntil)
        {
            return true;
        }
        if (await JobLeases.TryAcquireAsync(dbFactory, LeaseName(id), _holder, Lease, clock, ct))
        {
            worker.LeaseUntil = now + Lease;
            return true;
        }
        worker.LeaseUntil = DateTime.MinValue;
        return false;
    }

    private async Task StopWorkersAsync()
    {
        foreach (var (id, worker) in _workers)
        {
            try
            {
                await worker.Pass;
            }
            catch (OperationCanceledException)
            {
                // It was stopping.
            }
            try
            {
                await worker.StopAsync(id, dbFactory, _holder, clock);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Feed destination {Id}: giving its lease back failed; it runs out by itself", id);
            }
            _workers.TryRemove(id, out _);
        }
    }

    /// <summary>One destination's running pass, its lease and its open connection.</summary>
    private sealed class Worker
    {
        private IFeedTransport? _transport;
        private int _version = -1;

        public Task Pass { get; set; } = Task.CompletedTask;

        public DateTime LeaseUntil { get; set; } = DateTime.MinValue;

        public string? LastLoggedError { get; set; }

        public async Task<IFeedTransport> TransportForAsync(FeedDestination d, FeedOptions options, TimeProvider clock)
        {
            if (_transport is not null && _version == d.Version)
            {
                return _transport;
            }
            if (_transport is not null)
            {
                await _transport.DisposeAsync();
            }
            _transport = FeedTransports.Create(d, options, clock);
            _version = d.Version;
            return _transport;
        }

        /// <summary>Closes the connection and gives the lease back, so another instance (or the next start) need not wait for it to run out.</summary>
        public async Task StopAsync(Guid id, IDbContextFactory<NhiPortalDbContext> dbFactory, string holder, TimeProvider clock)
        {
            if (_transport is not null)
            {
                await _transport.DisposeAsync();
                _transport = null;
            }
            if (LeaseUntil > DateTime.MinValue)
            {
                LeaseUntil = DateTime.MinValue;
                // Not the stopping token: the lease should go back even as the host stops.
                await JobLeases.ReleaseAsync(dbFactory, LeaseName(id), holder, clock, CancellationToken.None);
            }
        }
    }
}
