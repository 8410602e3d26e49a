using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>
/// Every <c>Reviews:TickSeconds</c> (default 60), under the <c>reviews</c> lease so several instances never double a
/// reminder or close a campaign twice: reminders, escalations, closing expired campaigns, remediation outcomes, recurrences.
/// </summary>
public sealed class ReviewJob(IDbContextFactory<NhiPortalDbContext> dbFactory, ReviewClock reviews, JobStatusRecorder status, TimeProvider clock,
    IConfiguration configuration, ILogger<ReviewJob> logger) : BackgroundService
{
    private readonly string _holder = Outbox.JobStatusRecorder.NewHolder();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Reviews:TickSeconds", 60)));
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await JobLeases.TryAcquireAsync(dbFactory, "reviews", _holder, interval * 3, clock, stoppingToken))
                {
                    var (reminded, escalated, closed, remediated, recurred) = await status.RunAsync("reviews", reviews.TickAsync,
                        r => $"{r.Reminded} reminded, {r.Escalated} escalated, {r.Closed} closed, {r.Remediated} remediated, {r.Recurred} recurred", stoppingToken);
                    if (reminded + escalated + closed + remediated + recurred > 0)
                    {
                        logger.LogInformation("Reviews: {Reminded} reminded, {Escalated} escalated, {Closed} campaigns closed, {Remediated} remediated, {Recurred} recurred",
                            reminded, escalated, closed, remediated, recurred);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The review job failed; it runs again at the next tick");
            }
        }
    }
}
