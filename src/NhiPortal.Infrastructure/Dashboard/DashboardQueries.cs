using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Dashboard;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Ownership;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Data;
using System.Text.Json;
using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Hygiene;
using NhiPortal.Core.Leaks;
using NhiPortal.Infrastructure.Leaks;

namespace NhiPortal.Infrastructure.Dashboard;

public sealed class DashboardQueries(
    IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock) : IDashboardQueries
{
    public async Task<DashboardSummary> GetSummaryAsync(CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        var scope = user.Demand(Capability.ViewInventory);
        var now = clock.GetUtcNow().UtcDateTime;
        var yearAgo = now.AddYears(-1);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // "Expiring soon" is the policy's warning window, the same one the ExpiringSoon penalty and the reminders use.
        var expiryWindowDays = (await Hygiene.HygienePolicyStore.CurrentAsync(db, ct)).ExpiryWarningDays;
        var soon = now.AddDays(expiryWindowDays);
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
            DiscoveredUnowned = scope == AccessScope.Everything ? await identities.CountAsync(i => i.DiscoveredBy != null && i.OwnerId == null, ct) : 0,
            ActiveCredentials = await active.CountAsync(ct),
            ShadowCredentials = scope == AccessScope.Everything
                ? await active.CountAsync(c => c.IdentityId == null, ct) : 0,
            // Dynamic credentials expire within minutes by design; these counts are static ones someone must replace.
            ExpiringSoon = await active.CountAsync(c => !c.IsDynamic && c.ExpiresUtc >= now && c.ExpiresUtc < soon, ct),
            ExpiringWithin7Days = await active.CountAsync(c => !c.IsDynamic && c.ExpiresUtc >= now && c.ExpiresUtc < now.AddDays(7), ct),
            PastExpiryStillActive = await active.CountAsync(c => c.ExpiresUtc < now, ct),
            NeverRotatedOverOneYear = await active.CountAsync(c => !c.IsDynamic && c.LastRotatedUtc == null && c.IssuedUtc < yearAgo, ct),
            ExpiryWindowDays = expiryWindowDays,
        };
    }

    public async Task<ProgrammeMetrics?> GetProgrammeMetricsAsync(CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        if (user.Demand(Capability.ViewInventory) != AccessScope.Everything)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var active = db.Credentials.AsNoTracking().Where(c => c.State == CredentialState.Active);
        var discovered = await active.CountAsync(ct);
        var attributed = await active.CountAsync(c => c.IdentityId != null && c.Identity!.Owner != null && c.Identity.Owner.IsActive, ct);

        const int window = 30;
        var latest = await db.HygieneSnapshots.AsNoTracking().OrderByDescending(s => s.Id).FirstOrDefaultAsync(ct);
        HygieneSnapshot? before = null;
        if (latest is not null)
        {
            var cutoff = latest.TakenUtc.AddDays(-window);
            before = await db.HygieneSnapshots.AsNoTracking().Where(s => s.TakenUtc <= cutoff).OrderByDescending(s => s.TakenUtc).FirstOrDefaultAsync(ct);
        }
        var runs = await db.RevocationRuns.AsNoTracking()
            .Where(r => r.CompletedUtc != null && r.Status == RevocationRunStatus.Completed)
            .Select(r => new { r.RequestedUtc, Completed = r.CompletedUtc!.Value })
            .ToListAsync(ct);
        var leaks = await db.LeakReports.AsNoTracking().Where(r => r.CredentialId != null)
            .Select(r => new { r.CredentialId, r.RevocationRunId, r.ReceivedUtc }).ToListAsync(ct);
        var leakSteps = await VerifiedSteps.ForAsync(db, leaks.Select(l => l.CredentialId), ct);
        var (leakMean, leakCount) = LeakVerification.Mean(leaks.Select(l =>
            (l.ReceivedUtc, LeakVerification.For(l.CredentialId, l.RevocationRunId, l.ReceivedUtc, leakSteps)?.VerifiedUtc)));
        return new ProgrammeMetrics
        {
            DiscoveryCoverage = discovered == 0 ? null : attributed / (double)discovered,
            AttributedCredentials = attributed,
            DiscoveredCredentials = discovered,
            StaticNow = latest is null ? null : StaticOf(latest),
            StaticBefore = before is null ? null : StaticOf(before),
            StaticBeforeUtc = before?.TakenUtc,
            EliminationWindowDays = window,
            MeanTimeToRespond = runs.Count == 0 ? null : TimeSpan.FromSeconds(runs.Average(r => (r.Completed - r.RequestedUtc).TotalSeconds)),
            CompletedRevocationRuns = runs.Count,
            MeanTimeLeakToRevocation = leakMean,
            VerifiedLeakRevocations = leakCount,
        };
    }

    private static int StaticOf(HygieneSnapshot snapshot) =>
        JsonSerializer.Deserialize<HygieneBreakdown>(snapshot.BreakdownJson, HygienePolicyStore.Json)?.StaticCredentials ?? 0;
}
