using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Dashboard;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Ownership;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Dashboard;

public sealed class DashboardQueries(
    IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock) : IDashboardQueries
{
    private const int ExpiryWindowDays = 30;

    public async Task<DashboardSummary> GetSummaryAsync(CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        var scope = user.Demand(Capability.ViewInventory);
        var now = clock.GetUtcNow().UtcDateTime;
        var soon = now.AddDays(ExpiryWindowDays);
        var yearAgo = now.AddYears(-1);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var identities = db.Identities.AsNoTracking().ScopedTo(scope, user);
        var credentials = db.Credentials.AsNoTracking().ScopedTo(scope, user);
        var active = credentials.Where(c => c.State == CredentialState.Active);
        return new DashboardSummary
        {
            Scope = scope,
            Identities = await identities.CountAsync(ct),
            ActiveIdentities = await identities.CountAsync(i => i.LifecycleState == IdentityLifecycleState.Active, ct),
            Orphans = await identities.CountAsync(OrphanRules.IsOrphan, ct),
            OwnersLeft = await identities.CountAsync(i => i.OwnerId != null && !i.Owner!.IsActive
                && i.LifecycleState != IdentityLifecycleState.Decommissioned, ct),
            SharedOrBreakGlass = await identities.CountAsync(i => i.IsShared || i.IsBreakGlass, ct),
            ActiveCredentials = await active.CountAsync(ct),
            ShadowCredentials = scope == AccessScope.Everything
                ? await active.CountAsync(c => c.IdentityId == null, ct) : 0,
            // Dynamic credentials expire within minutes by design; these counts are static ones someone must replace.
            ExpiringSoon = await active.CountAsync(c => !c.IsDynamic && c.ExpiresUtc >= now && c.ExpiresUtc < soon, ct),
            ExpiringWithin7Days = await active.CountAsync(c => !c.IsDynamic && c.ExpiresUtc >= now && c.ExpiresUtc < now.AddDays(7), ct),
            PastExpiryStillActive = await active.CountAsync(c => c.ExpiresUtc < now, ct),
            NeverRotatedOverOneYear = await active.CountAsync(c => !c.IsDynamic && c.LastRotatedUtc == null && c.IssuedUtc < yearAgo, ct),
            ExpiryWindowDays = ExpiryWindowDays,
        };
    }
}
