using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NhiPortal.Core.Usage;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Usage;

/// <summary>
/// Evaluates new use every <c>Usage:PollSeconds</c> (default 30), or at once when this instance ingested some, under the
/// <c>usage-evaluation</c> lease so one instance at a time does; another takes over when a holder's lease runs out.
/// </summary>
public sealed class UsageEvaluationJob(
    IDbContextFactory<NhiPortalDbContext> dbFactory, UsageEvaluation evaluation, UsageSignal signal, JobStatusRecorder status, TimeProvider clock,
    UsageOptions options, ILogger<UsageEvaluationJob> logger) : BackgroundService
{
    public const string JobName = UsageEvaluation.CursorName;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly string _holder = JobStatusRecorder.NewHolder();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(Math.Max(1, options.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(poll, stoppingToken);
                if (!await JobLeases.TryAcquireAsync(dbFactory, JobName, _holder, Lease, clock, stoppingToken))
                {
                    continue;
                }
                var started = clock.GetUtcNow().UtcDateTime;
                var result = await evaluation.EvaluateAsync(stoppingToken);
                if (result.Buckets > 0)
                {
                    await status.SucceededAsync(JobName, started,
                        $"{result.Buckets:N0} bucket(s) of {result.Credentials:N0} credential(s) evaluated, {result.Flags:N0} flag(s)", CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The usage evaluation failed; it tries again at the next poll");
                await status.FailedAsync(JobName, clock.GetUtcNow().UtcDateTime, ex, CancellationToken.None);
            }
        }
    }
}
