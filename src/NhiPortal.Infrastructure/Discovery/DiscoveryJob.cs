using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NhiPortal.Core.Access;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Discovery;

/// <summary>
/// Syncs each source when its interval has passed or someone asked ("Sync now"), under a lease per source
/// (<c>discovery:&lt;name&gt;</c>), so two instances never read one source at once. Polls every
/// <c>Discovery:PollSeconds</c> (default 5), woken at once by a request made in this instance.
/// </summary>
public sealed class DiscoveryJob(
    IDbContextFactory<NhiPortalDbContext> dbFactory, DiscoverySourceRegistry sources, SourceSync sync, DiscoverySignal signal, JobStatusRecorder status,
    TimeProvider clock, ILogger<DiscoveryJob> logger, IConfiguration? configuration = null, IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    // Longer than a read may take (10 minutes) plus applying it; released as soon as the sync ends.
    private static readonly TimeSpan LeaseLength = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(5);
    private readonly string _holder = JobStatusRecorder.NewHolder();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (sources.All.Count == 0)
        {
            return;
        }
        var poll = TimeSpan.FromSeconds(Math.Max(1, configuration?.GetValue("Discovery:PollSeconds", 5.0) ?? 5.0));
        if (lifetime is not null)
        {
            // A source may be this very process (the development provider): read once the host is listening.
            var started = new TaskCompletionSource();
            await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
            await started.Task.WaitAsync(stoppingToken);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SyncDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The discovery job could not check its sources; it tries again in {Poll}", poll);
            }
            try
            {
                await signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass over the sources: each due one synced under its lease. Public for tests, which drive it without the loop.</summary>
    public async Task<int> SyncDueAsync(CancellationToken ct)
    {
        var synced = 0;
        foreach (var source in sources.All)
        {
            var settings = sources.SettingsFor(source.Name)!;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                var state = await db.DiscoverySources.AsNoTracking().FirstOrDefaultAsync(s => s.Name == source.Name, ct);
                var now = clock.GetUtcNow().UtcDateTime;
                // A failed source is tried again sooner than its interval (at most every RetryAfterFailure), not left stale for hours.
                var wait = state?.LastStatus == Core.Discovery.DiscoveryRunStatus.Failed && settings.Interval > RetryAfterFailure ? RetryAfterFailure : settings.Interval;
                var due = state is null || state.SyncRequestedUtc is not null || state.LastAttemptUtc is null || now - state.LastAttemptUtc >= wait;
                if (!due)
                {
                    continue;
                }
            }
            var job = $"{SourceSync.JobName}:{source.Name}";
            if (!await JobLeases.TryAcquireAsync(dbFactory, job, _holder, LeaseLength, clock, ct))
            {
                continue;
            }
            try
            {
                var requestedBy = await RequestedByAsync(source.Name, ct);
                var actor = requestedBy is null ? PortalUser.System(SourceSync.JobName) : PortalUser.System(SourceSync.JobName, requestedBy);
                await status.RunAsync(job, token => sync.RunAsync(source.Name, actor, token),
                    run => $"{run.Status}: {run.Read:N0} read, {run.New:N0} new, {run.Changed:N0} changed, {run.Gone:N0} gone, {run.Errors:N0} errors{(run.Error is null ? "" : $" ({run.Error})")}", ct);
                synced++;
            }
            finally
            {
                await JobLeases.ReleaseAsync(dbFactory, job, _holder, clock, CancellationToken.None);
            }
        }
        return synced;
    }

    private async Task<string?> RequestedByAsync(string source, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DiscoverySources.Where(s => s.Name == source).Select(s => s.SyncRequestedBy).FirstOrDefaultAsync(ct);
    }
}
