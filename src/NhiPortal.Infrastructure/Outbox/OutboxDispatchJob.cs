using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Outbox;

/// <summary>
/// Dispatches follow-ups every <c>Outbox:PollMilliseconds</c> (default 500), or at once when this instance wrote one.
/// Holds the <c>outbox</c> lease while it does, renewing it before it runs out, so any instance can dispatch but
/// only one at a time; if the holder dies, another takes over when the lease expires (30 s).
/// </summary>
public sealed class OutboxDispatchJob(
    IDbContextFactory<NhiPortalDbContext> dbFactory, OutboxDispatcher dispatcher, OutboxSignal signal, JobStatusRecorder status, TimeProvider clock,
    OutboxOptions options, ILogger<OutboxDispatchJob> logger) : BackgroundService
{
    public const string JobName = "outbox";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly string _holder = JobStatusRecorder.NewHolder();
    private DateTime _leaseUntil = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(Math.Max(50, options.PollMilliseconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(poll, stoppingToken);
                if (!await HoldLeaseAsync(stoppingToken))
                {
                    continue;
                }
                var started = clock.GetUtcNow().UtcDateTime;
                var done = await dispatcher.DispatchDueAsync(stoppingToken);
                if (done > 0)
                {
                    // Written even if the host is stopping: the pass did its work, and the page should say so.
                    await status.SucceededAsync(JobName, started, $"{done} follow-up(s) done", CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The follow-up dispatcher failed; it tries again at the next poll");
                await status.FailedAsync(JobName, clock.GetUtcNow().UtcDateTime, ex, CancellationToken.None);
            }
        }
    }

    // Renewing on every poll would be a write twice a second; renew only in the lease's last third.
    private async Task<bool> HoldLeaseAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now + Lease / 3 < _leaseUntil)
        {
            return true;
        }
        if (await JobLeases.TryAcquireAsync(dbFactory, JobName, _holder, Lease, clock, ct))
        {
            _leaseUntil = now + Lease;
            return true;
        }
        _leaseUntil = DateTime.MinValue;
        return false;
    }
}
