using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Hygiene;

namespace NhiPortal.Infrastructure.Audit;

/// <summary>Seals every <c>Audit:SealIntervalSeconds</c> (default 10) under the <c>audit-seal</c> lease.</summary>
public sealed class AuditSealJob(IDbContextFactory<NhiPortalDbContext> dbFactory, AuditChainSealer sealer, TimeProvider clock,
    Microsoft.Extensions.Configuration.IConfiguration configuration, ILogger<AuditSealJob> logger) : BackgroundService
{
    private readonly string _holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

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
                    await sealer.SealAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Sealing the audit chain failed; it is retried at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
