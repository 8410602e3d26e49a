using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NhiPortal.Core.Reports;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>
/// Writes prepared exports one at a time, oldest first, every <see cref="ReportOptions.Poll"/> (or at once when one
/// was asked for here), under the <c>report-exports</c> lease: any instance may run the job, only one at a time. The
/// lease is renewed with each progress update; an export still "running" when a holder takes the lease was left by
/// one that stopped, and starts again from the beginning. Each pass also removes expired files.
/// </summary>
internal sealed class ReportExportJob(
    IDbContextFactory<NhiPortalDbContext> dbFactory, ReportExportRunner runner, ReportExportExpiry expiry, ReportExportSignal signal, JobStatusRecorder status,
    ReportOptions options, TimeProvider clock, ILogger<ReportExportJob> logger) : BackgroundService
{
    public const string JobName = "report-exports";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly string _holder = JobStatusRecorder.NewHolder();
    private DateTime _leaseUntil = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(options.Poll, stoppingToken);
                await RunDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The report export job failed; it tries again at the next poll");
                await status.FailedAsync(JobName, clock.GetUtcNow().UtcDateTime, ex, CancellationToken.None);
            }
        }
    }

    /// <summary>One pass: if this instance holds the lease, expires old files and writes every queued export. Returns how many it wrote.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        // An idle poll only reads; the lease is taken when there is work and given back after it, so any instance may take the next.
        if (!await AnythingDueAsync(ct) || !await HoldLeaseAsync(ct))
        {
            return 0;
        }
        try
        {
            return await RunHoldingLeaseAsync(ct);
        }
        finally
        {
            _leaseUntil = DateTime.MinValue;
            await JobLeases.ReleaseAsync(dbFactory, JobName, _holder, clock, CancellationToken.None);
        }
    }

    private async Task<bool> AnythingDueAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.ReportExports.AnyAsync(e => e.State == ReportExportState.Queued || e.State == ReportExportState.Running
            || e.State == ReportExportState.Ready && e.ExpiresUtc <= now, ct);
    }

    private async Task<int> RunHoldingLeaseAsync(CancellationToken ct)
    {
        await expiry.SweepAsync(ct);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // Only the lease holder runs exports, and this one runs none yet: a "running" row was left by a holder that stopped.
            await db.ReportExports.Where(e => e.State == ReportExportState.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, ReportExportState.Queued).SetProperty(e => e.RowsWritten, 0), ct);
        }
        var done = 0;
        while (await NextAsync(ct) is { } id)
        {
            var started = clock.GetUtcNow().UtcDateTime;
            var state = await runner.RunAsync(id, KeepLeaseAsync, ct);
            done++;
            await status.SucceededAsync(JobName, started, $"export {id:D}: {state}", CancellationToken.None);
        }
        return done;
    }

    private async Task<Guid?> NextAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ReportExports.AsNoTracking().Where(e => e.State == ReportExportState.Queued)
            .OrderBy(e => e.RequestedUtc).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct);
    }

    private async Task KeepLeaseAsync(CancellationToken ct)
    {
        if (!await HoldLeaseAsync(ct))
        {
            throw new InvalidOperationException("Another portal instance took over the report export job; ask for the report again.");
        }
    }

    // Renewed only in the lease's last third, as the outbox does.
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
