using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Dashboard;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Dashboard;

/// <summary>
/// The dashboard's figures for the caller: the organisation's from the stored snapshot (with its time), an owner's
/// own slice counted for the request. Both through <see cref="DashboardFigures"/>.
/// </summary>
public sealed class DashboardQueries(
    IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, DashboardSnapshots snapshots, TimeProvider clock) : IDashboardQueries
{
    public async Task<DashboardSummary> GetSummaryAsync(CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        var scope = user.Demand(Capability.ViewInventory);
        if (scope == AccessScope.Everything)
        {
            return (await snapshots.ForViewAsync(ct)).Summary;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await DashboardFigures.SummaryAsync(db, scope, user, clock.GetUtcNow().UtcDateTime, ct);
    }

    public async Task<ProgrammeMetrics?> GetProgrammeMetricsAsync(CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        return user.Demand(Capability.ViewInventory) == AccessScope.Everything ? (await snapshots.ForViewAsync(ct)).Programme : null;
    }
}
