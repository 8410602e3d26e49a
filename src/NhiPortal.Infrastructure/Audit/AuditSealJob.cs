using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Audit;

/// <summary>Seals every <c>Audit:SealIntervalSeconds</c> (default 10) under the <c>audit-seal</c> lease.</summary>
public sealed class AuditSealJob(IDbContextFactory<NhiPortalDbContext> dbFactory, AuditChainSealer sealer, Outbox.JobStatusRecorder status, TimeProvider clock,
    Microsoft.Extensions.Configuration.IConfiguration configuration, ILogger<AuditSealJob> logger) : BackgroundService
{
    private readonly string _holder = Outbox.JobStatusRecorder.NewHolder();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = Math.Max(1, Microsoft.Extensions.Configuration.ConfigurationBinder.GetValue(configuration, "Audit:SealIntervalSeconds", 10));
        var interval = TimeSpan.FromSeconds(seconds);
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                if (await JobLeases.TryAcquireAsync(dbFactory, "audit-seal", _holder, interval * 3, clock, stoppingToken))
                {
                    // Recorded only when it sealed something: a status write every 10 s would be noise on the page and load on the database.
                    var started = clock.GetUtcNow().UtcDateTime;
                    var sealedCount = await sealer.SealAsync(stoppingToken);
                    if (sealedCount > 0)
                    {
                        await status.SucceededAsync("audit-seal", started, $"{sealedCount:N0} event(s) sealed", CancellationToken.None);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Sealing the audit chain failed; it is retried at the next interval");
                await status.FailedAsync("audit-seal", clock.GetUtcNow().UtcDateTime, ex, CancellationToken.None);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
