using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Outbox;

/// <summary>
/// The follow-up dispatcher is stalled when a follow-up has been due for longer than <see cref="StalledAfter"/>
/// (it polls every half second, and a busy pass finishes within its 30 s lease): then nothing dispatches, in this
/// instance or any other, and rescoring, remediation and leak handling quietly stop.
/// </summary>
public sealed class OutboxHealthCheck(IDbContextFactory<NhiPortalDbContext> dbFactory, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan StalledAfter = TimeSpan.FromMinutes(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var stalledSince = clock.GetUtcNow().UtcDateTime - StalledAfter;
            var oldest = await db.Outbox.AsNoTracking()
                .Where(m => m.CompletedUtc == null && m.GaveUpUtc == null && m.NextAttemptUtc <= stalledSince)
                .OrderBy(m => m.NextAttemptUtc).Select(m => (DateTime?)m.NextAttemptUtc).FirstOrDefaultAsync(cancellationToken);
            return oldest is { } due
                ? HealthCheckResult.Unhealthy($"a follow-up has been due since {due:yyyy-MM-dd HH:mm:ss} UTC: the dispatcher is stalled")
                : HealthCheckResult.Healthy("no follow-up overdue");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The follow-up queue could not be read.", ex);
        }
    }
}
