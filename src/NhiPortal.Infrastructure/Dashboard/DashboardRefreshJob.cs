using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Dashboard;

/// <summary>Keeps the stored dashboard figures current (see <see cref="DashboardOptions"/>), under the <c>dashboard</c> lease.</summary>
public sealed class DashboardRefreshJob(IDbContextFactory<NhiPortalDbContext> dbFactory, DashboardSnapshots snapshots, DashboardOptions options,
    JobStatusRecorder status, TimeProvider clock, ILogger<DashboardRefreshJob> logger) : BackgroundService
{
    public const string Name = "dashboard";
    private readonly string _holder = JobStatusRecorder.NewHolder();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.CheckSeconds));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            var started = clock.GetUtcNow().UtcDateTime;
            try
            {
                // The lease outlives a slow count (minutes at the largest sizes), so a second instance does not count too.
                if (await JobLeases.TryAcquireAsync(dbFactory, Name, _holder, TimeSpan.FromMinutes(10), clock, stoppingToken)
                    && await snapshots.RefreshIfStaleAsync(stoppingToken) is { } counted)
                {
                    await status.SucceededAsync(Name, started, $"figures counted in {counted.ElapsedMs:N0} ms", CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Counting the dashboard figures failed; the page keeps the last count and it is retried");
                await status.FailedAsync(Name, started, ex, CancellationToken.None);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
