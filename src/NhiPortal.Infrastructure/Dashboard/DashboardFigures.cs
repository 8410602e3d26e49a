using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Dashboard;
using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Leaks;
using NhiPortal.Core.Ownership;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Hygiene;
using NhiPortal.Infrastructure.Leaks;

namespace NhiPortal.Infrastructure.Dashboard;

/// <summary>
/// The one definition of every dashboard figure, counted from the live tables: by the refresh job for the
/// organisation (stored as a snapshot) and per request for an owner's own slice (small, and theirs alone).
/// </summary>
internal static class DashboardFigures
{
    public static async Task<DashboardSummary> SummaryAsync(NhiPortalDbContext db, AccessScope scope, PortalUser user, DateTime now, CancellationToken ct)
    {
        var yearAgo = now.AddYears(-1);
        // "Expiring soon" is the policy's warning window, the same one the ExpiringSoon penalty and the reminders use.
        var expiryWindowDays = (await HygienePolicyStore.CurrentAsync(db, ct)).ExpiryWarningDays;
        var soon = now.AddDays(expiryWindowDays);
        var week = now.AddDays(7);
        var identities = db.Identities.AsNoTracking().ScopedTo(scope, user);
        var active = db.Credentials.AsNoTracking().ScopedTo(scope, user).Where(c => c.State == CredentialState.Active);
        // One pass over the active credentials for all their figures. Dynamic credentials expire within minutes by
        // design; the expiry and rotation figures count static ones someone must replace.
        var credentials = await active.GroupBy(_ => 1).Select(g => new
        {
            Active = g.Count(),
            Shadow = g.Count(c => c.IdentityId == null),
            Soon = g.Count(c => !c.IsDynamic && c.ExpiresUtc >= now && c.ExpiresUtc < soon),
            Week = g.Count(c => !c.IsDynamic && c.ExpiresUtc >= now && c.ExpiresUtc < week),
            Past = g.Count(c => c.ExpiresUtc < now),
            NeverRotated = g.Count(c => !c.IsDynamic && c.LastRotatedUtc == null && c.IssuedUtc < yearAgo),
        }).FirstOrDefaultAsync(ct);
        var everything = scope == AccessScope.Everything;
        return new DashboardSummary
        {
            Scope = scope,
            Identities = await identities.CountAsync(ct),
            ActiveIdentities = await identities.CountAsync(i => i.LifecycleState == IdentityLifecycleState.Active, ct),
            Orphans = await identities.CountAsync(OrphanRules.IsOrphan(db.StaffMembers, db.Teams), ct),
            OwnersLeft = await identities.CountAsync(i => i.OwnerId != null && !i.Owner!.IsActive
                && i.LifecycleState != IdentityLifecycleState.Decommissioned, ct),
            SharedOrBreakGlass = await identities.CountAsync(i => i.IsShared || i.IsBreakGlass, ct),
            DiscoveredUnowned = everything ? await identities.CountAsync(i => i.DiscoveredBy != null && i.OwnerId == null, ct) : 0,
            ActiveCredentials = credentials?.Active ?? 0,
            ShadowCredentials = everything ? credentials?.Shadow ?? 0 : 0,
            ExpiringSoon = credentials?.Soon ?? 0,
            ExpiringWithin7Days = credentials?.Week ?? 0,
            PastExpiryStillActive = credentials?.Past ?? 0,
            NeverRotatedOverOneYear = credentials?.NeverRotated ?? 0,
            ExpiryWindowDays = expiryWindowDays,
        };
    }

    /// <summary>The programme's organisation-wide measures.</summary>
    public static async Task<ProgrammeMetrics> ProgrammeAsync(NhiPortalDbContext db, CancellationToken ct)
    {
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
        var runs = db.RevocationRuns.AsNoTracking().Where(r => r.CompletedUtc != null && r.Status == RevocationRunStatus.Completed);
        var runCount = await runs.CountAsync(ct);
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
            MeanTimeToRespond = runCount == 0 ? null : await MeanRunSecondsAsync(db, runs, ct),
            CompletedRevocationRuns = runCount,
            MeanTimeLeakToRevocation = leakMean,
            VerifiedLeakRevocations = leakCount,
        };
    }

    /// <summary>A run started for a leak report responds from the report's arrival, not from when the outbox started it.</summary>
    private static async Task<TimeSpan> MeanRunSecondsAsync(NhiPortalDbContext db, IQueryable<RevocationRun> runs, CancellationToken ct)
    {
        // Streamed, not listed: a busy organisation has many completed runs, and only their two times matter here.
        double total = 0;
        var count = 0;
        var timed = runs.Select(r => new
        {
            r.RequestedUtc, Completed = r.CompletedUtc!.Value,
            Reported = db.LeakReports.Where(l => l.RevocationRunId == r.Id).Select(l => (DateTime?)l.ReceivedUtc).FirstOrDefault(),
        });
        await foreach (var r in timed.AsAsyncEnumerable().WithCancellation(ct))
        {
            var start = r.Reported is { } reported && reported < r.RequestedUtc ? reported : r.RequestedUtc;
            total += (r.Completed - start).TotalSeconds;
            count++;
        }
        return TimeSpan.FromSeconds(count == 0 ? 0 : total / count);
    }

    private static int StaticOf(HygieneSnapshot snapshot) =>
        JsonSerializer.Deserialize<HygieneBreakdown>(snapshot.BreakdownJson, HygienePolicyStore.Json)?.StaticCredentials ?? 0;
}
