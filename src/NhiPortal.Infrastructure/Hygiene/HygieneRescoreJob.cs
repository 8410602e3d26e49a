using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Hygiene;

/// <summary>
/// Rescores on a schedule (<c>Hygiene:RescoreIntervalMinutes</c>, default 60). Before each run it takes the
/// <c>JobLease</c> row for the job, so several portal instances never rescore at the same time.
/// </summary>
public sealed class HygieneRescoreJob(
    IDbContextFactory<NhiPortalDbContext> dbFactory, HygieneRescorer rescorer, JobStatusRecorder status, TimeProvider clock, IConfiguration configuration,
    ILogger<HygieneRescoreJob> logger) : BackgroundService
{
    private const string JobName = "hygiene-rescore";
    private readonly string _holder = JobStatusRecorder.NewHolder();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Hygiene:RescoreIntervalMinutes", 60)));
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await JobLeases.TryAcquireAsync(dbFactory, JobName, _holder, interval, clock, stoppingToken))
                {
                    var result = await status.RunAsync(JobName, token => rescorer.RescoreAllAsync(ct: token),
                        r => $"{r.Credentials:N0} credentials, {r.Identities:N0} identities rescored", stoppingToken);
                    logger.LogInformation("Rescored {Credentials} credentials and {Identities} identities in {Elapsed}",
                        result.Credentials, result.Identities, result.Elapsed);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The scheduled rescore failed; the previous scores stay in place");
            }
        }
    }
}
