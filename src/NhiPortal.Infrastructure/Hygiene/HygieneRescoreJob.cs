using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NhiPortal.Core.Hygiene;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Hygiene;

/// <summary>
/// Rescores on a schedule (<c>Hygiene:RescoreIntervalMinutes</c>, default 60). Before each run it takes the
/// <c>JobLease</c> row for the job, so several portal instances never rescore at the same time.
/// </summary>
public sealed class HygieneRescoreJob(
    IDbContextFactory<NhiPortalDbContext> dbFactory, HygieneRescorer rescorer, Outbox.JobStatusRecorder status, TimeProvider clock, IConfiguration configuration,
    ILogger<HygieneRescoreJob> logger) : BackgroundService
{
    private const string JobName = "hygiene-rescore";
    private readonly string _holder = Outbox.JobStatusRecorder.NewHolder();

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

public static class JobLeases
{
    /// <summary>Takes (or renews) the named lease unless another holder's lease is still running. One statement per step, so racing instances cannot both win.</summary>
    public static async Task<bool> TryAcquireAsync(IDbContextFactory<NhiPortalDbContext> dbFactory, string job, string holder, TimeSpan duration,
        TimeProvider clock, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var taken = await db.JobLeases.Where(l => l.Name == job && (l.ExpiresUtc < now || l.Holder == holder))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresUtc, now + duration), ct);
        if (taken == 1)
        {
            return true;
        }
        if (await db.JobLeases.AnyAsync(l => l.Name == job, ct))
        {
            return false;
        }
        try
        {
            db.JobLeases.Add(new JobLease { Name = job, Holder = holder, ExpiresUtc = now + duration });
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance inserted the lease first.
            return false;
        }
    }

    /// <summary>Gives a lease back early (a job that finished), so another instance need not wait for it to expire.</summary>
    public static async Task ReleaseAsync(IDbContextFactory<NhiPortalDbContext> dbFactory, string job, string holder, TimeProvider clock, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.JobLeases.Where(l => l.Name == job && l.Holder == holder).ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresUtc, now), ct);
    }
}
