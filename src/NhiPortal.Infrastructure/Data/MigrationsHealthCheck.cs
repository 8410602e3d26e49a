using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NhiPortal.Infrastructure.Data;

/// <summary>
/// Ready only when the database has every migration this build knows: an instance of a newer build must not take
/// traffic before the migrate step has run (and an older schema would fail its queries one by one).
/// </summary>
public sealed class MigrationsHealthCheck(IDbContextFactory<NhiPortalDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("every migration is applied")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied, the first {pending[0]}: run the migrate step");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The migration history could not be read.", ex);
        }
    }
}
