using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Data;

/// <summary>
/// Keeps SQLite's planner statistics present and current (<see cref="PlannerStatistics"/>): soon after start the
/// indexes that have none, then every index each <c>Database:PlannerStatisticsHours</c> (24), under the
/// <c>planner-statistics</c> lease. Does nothing on server databases.
/// </summary>
public sealed class PlannerStatisticsJob(IDbContextFactory<NhiPortalDbContext> dbFactory, PlannerStatistics statistics, IConfiguration config,
    JobStatusRecorder status, TimeProvider clock, ILogger<PlannerStatisticsJob> logger) : BackgroundService
{
    public const string Name = "planner-statistics";
    private readonly string _holder = JobStatusRecorder.NewHolder();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken))
        {
            if (!db.Database.IsSqlite())
            {
                return;
            }
        }
        var every = TimeSpan.FromHours(Math.Max(1, config.GetValue("Database:PlannerStatisticsHours", 24)));
        // Start-up (migrations, the first page) goes first.
        await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken);
        var missingOnly = true;
        using var timer = new PeriodicTimer(every, clock);
        do
        {
            var started = clock.GetUtcNow().UtcDateTime;
            try
            {
                if (await JobLeases.TryAcquireAsync(dbFactory, Name, _holder, TimeSpan.FromMinutes(30), clock, stoppingToken))
                {
                    var analyzed = await statistics.RefreshAsync(missingOnly, stoppingToken);
                    await status.SucceededAsync(Name, started, $"{analyzed.Count} index(es) analyzed{(missingOnly ? " (those without statistics)" : "")}",
                        CancellationToken.None);
                    missingOnly = false;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Refreshing SQLite's planner statistics failed; queries keep the old plans and it is retried");
                await status.FailedAsync(Name, started, ex, CancellationToken.None);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
