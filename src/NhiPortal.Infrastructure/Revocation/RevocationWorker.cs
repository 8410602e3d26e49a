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
/// Executes runs in the background. A run started here is picked up at once (the queue is only a wake-up); every
/// <c>Revocation:PollSeconds</c> (default 10) the worker also looks in the database for runs no live instance holds:
/// recorded but never started, or running with a heartbeat older than <c>StaleAfterSeconds</c> (default 45) because
/// the instance that held them died. Claiming is one conditional update, so only one instance takes each run, and it
/// carries on with the open steps only.
/// </summary>
public sealed class RevocationWorker(
    RevocationQueue queue, RevocationExecutor executor, IDbContextFactory<NhiPortalDbContext> dbFactory, AuditWriter audit,
    TimeProvider clock, RevocationOptions options, IRevocationRunEvents events, ILogger<RevocationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(Math.Max(1, options.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var runId in await OrphanedRunsAsync(stoppingToken))
                {
                    await ExecuteOneAsync(runId, stoppingToken);
                }
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(poll);
                await foreach (var runId in queue.ReadAllAsync(wait.Token))
                {
                    await ExecuteOneAsync(runId, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The poll interval passed: look in the database again.
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Could not look for revocation runs to take over; trying again at the next poll");
            }
        }
    }

    /// <summary>Runs that wait for an executor: never started, or held by an instance whose heartbeat stopped.</summary>
    public async Task<IReadOnlyList<Guid>> OrphanedRunsAsync(CancellationToken ct)
    {
        var stale = clock.GetUtcNow().UtcDateTime.AddSeconds(-options.StaleAfterSeconds);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.RevocationRuns
            .Where(r => r.Status == RevocationRunStatus.Requested || (r.Status == RevocationRunStatus.Running && (r.HeartbeatUtc == null || r.HeartbeatUtc < stale)))
            .OrderBy(r => r.RequestedUtc).Select(r => r.Id).ToListAsync(ct);
    }

    /// <summary>Takes over every orphaned run now and executes its open steps; returns how many this instance claimed.</summary>
    public async Task<int> TakeOverAsync(CancellationToken ct)
    {
        var taken = 0;
        foreach (var runId in await OrphanedRunsAsync(ct))
        {
            taken += await ExecuteOneAsync(runId, ct) is null ? 0 : 1;
        }
        return taken;
    }

    private async Task<RevocationRunStatus?> ExecuteOneAsync(Guid runId, CancellationToken ct)
    {
        try
        {
            return await executor.ExecuteAsync(runId, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Revocation run {Run} stopped with an error; it stays open for a retry", runId);
            await MarkInterruptedAsync(runId, $"stopped with an error: {ex.Message}");
            return RevocationRunStatus.Interrupted;
        }
    }

    private async Task MarkInterruptedAsync(Guid runId, string why)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var run = await db.RevocationRuns.SingleAsync(r => r.Id == runId, CancellationToken.None);
        run.Status = RevocationRunStatus.Interrupted;
        audit.Append(db, AuditStream.Access, AuditEventTypes.Access.RevocationInterrupted, PortalUser.System("revocation"), "RevocationRun",
            runId.ToString("D"), $"Revocation run interrupted: {why}", null, null, RevocationService.Correlation(runId));
        await db.SaveChangesAsync(CancellationToken.None);
        events.Publish(runId);
        logger.LogWarning("Revocation run {Run} marked interrupted: {Why}", runId, why);
    }
}
