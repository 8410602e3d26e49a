using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Revocation;

/// <summary>
/// Executes queued runs in the background. At start-up it looks for runs cut off by a restart (running, heartbeat
/// stale) and marks them Interrupted with an audit row, and re-queues runs that were recorded but never started.
/// </summary>
public sealed class RevocationWorker(
    RevocationQueue queue, RevocationExecutor executor, IDbContextFactory<NhiPortalDbContext> dbFactory, AuditWriter audit,
    TimeProvider clock, RevocationOptions options, ILogger<RevocationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RecoverAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not check for interrupted revocation runs");
        }
        await foreach (var runId in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await executor.ExecuteAsync(runId, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Revocation run {Run} stopped with an error; it stays open for a retry", runId);
                await MarkAsync(runId, RevocationRunStatus.Interrupted, $"stopped with an error: {ex.Message}", CancellationToken.None);
            }
        }
    }

    /// <summary>Finds runs a previous process left behind.</summary>
    public async Task<int> RecoverAsync(CancellationToken ct)
    {
        var stale = clock.GetUtcNow().UtcDateTime.AddSeconds(-options.StaleAfterSeconds);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cutOff = await db.RevocationRuns.Where(r => r.Status == RevocationRunStatus.Running && (r.HeartbeatUtc == null || r.HeartbeatUtc < stale))
            .Select(r => r.Id).ToListAsync(ct);
        foreach (var id in cutOff)
        {
            await MarkAsync(id, RevocationRunStatus.Interrupted, "cut off by a restart; its open steps wait for a retry", ct);
        }
        foreach (var id in await db.RevocationRuns.Where(r => r.Status == RevocationRunStatus.Requested).Select(r => r.Id).ToListAsync(ct))
        {
            queue.Enqueue(id);
        }
        return cutOff.Count;
    }

    private async Task MarkAsync(Guid runId, RevocationRunStatus status, string why, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.RevocationRuns.SingleAsync(r => r.Id == runId, ct);
        run.Status = status;
        audit.Append(db, AuditStream.Access, AuditEventTypes.Access.RevocationInterrupted, PortalUser.System("revocation"), "RevocationRun",
            runId.ToString("D"), $"Revocation run {status.ToString().ToLowerInvariant()}: {why}", null, null, RevocationService.Correlation(runId));
        await db.SaveChangesAsync(ct);
        logger.LogWarning("Revocation run {Run} marked {Status}: {Why}", runId, status, why);
    }
}
