using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Dashboard;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Ownership;
using NhiPortal.Infrastructure.Credentials;
using NhiPortal.Infrastructure.Dashboard;
using NhiPortal.Infrastructure.Hygiene;

namespace NhiPortal.Infrastructure.Tests.Dashboard;

/// <summary>
/// The stored organisation figures against the live tables on the demo data, after each kind of change, counted
/// here a second way (entities in memory, the orphan rule's own code); and when the store counts again.
/// </summary>
public class DashboardSnapshotTests
{
    private static readonly DashboardOptions JobOnly = new() { InlineBudgetMs = -1, MinRefreshSeconds = 0, MaxAgeMinutes = 15 };

    public enum Change { None, OwnerChanged, OwnerLeft, CredentialsExpired, CredentialRegistered }

    [Theory]
    [InlineData(Change.None)]
    [InlineData(Change.OwnerChanged)]
    [InlineData(Change.OwnerLeft)]
    [InlineData(Change.CredentialsExpired)]
    [InlineData(Change.CredentialRegistered)]
    public async Task Refresh_AfterEachKindOfChange_EqualsTheLiveCounts(Change change)
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        var portal = TestPortal.For(database);
        var snapshots = new DashboardSnapshots(database, JobOnly, database.Clock);
        await snapshots.RefreshAsync(default);
        var before = (await snapshots.ForViewAsync(default)).Summary;

        await ApplyAsync(portal, change);
        // Past any wait after the first count (ten times its duration), short of the maximum age.
        database.Clock.Advance(TimeSpan.FromMinutes(10));
        var stale = (await snapshots.ForViewAsync(default)).Summary;
        var counted = await snapshots.RefreshIfStaleAsync(default);
        var after = (await snapshots.ForViewAsync(default)).Summary;

        // A view does not count for itself past the budget: it shows the stored figures until the job counts again.
        Assert.Equal(before, stale);
        Assert.Equal(change != Change.None, counted is not null);
        // Counted at the snapshot's own time: the expiry figures move with the clock alone.
        Assert.Equal(await LiveAsync(database, after.AsOfUtc!.Value), after with { AsOfUtc = null });
        Assert.Equal(counted?.ComputedUtc ?? before.AsOfUtc, after.AsOfUtc);
        if (change != Change.None)
        {
            Assert.NotEqual(before with { AsOfUtc = null }, after with { AsOfUtc = null });
        }
    }

    [Fact]
    public async Task RefreshIfStale_NothingChanged_CountsAgainOnlyAtTheMaximumAge()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        var snapshots = new DashboardSnapshots(database, JobOnly, database.Clock);
        var first = await snapshots.RefreshAsync(default);

        database.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Null(await snapshots.RefreshIfStaleAsync(default));
        database.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await snapshots.RefreshIfStaleAsync(default);

        Assert.NotNull(again);
        Assert.Equal(first.ComputedUtc.AddMinutes(15), again.ComputedUtc);
    }

    [Fact]
    public async Task RefreshIfStale_AfterASlowCount_WaitsTenTimesItsDurationBeforeCountingAChange()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        var portal = TestPortal.For(database);
        var snapshots = new DashboardSnapshots(database, JobOnly with { MinRefreshSeconds = 30 }, database.Clock);
        await snapshots.RefreshAsync(default);
        await using (var db = database.CreateDbContext())
        {
            // As if counting had taken 20 s (a million identities on a busy machine).
            await db.DashboardSnapshots.ExecuteUpdateAsync(s => s.SetProperty(x => x.ElapsedMs, 20_000));
        }
        await ApplyAsync(portal, Change.OwnerLeft);

        database.Clock.Advance(TimeSpan.FromSeconds(199));
        Assert.Null(await snapshots.RefreshIfStaleAsync(default));
        database.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(await snapshots.RefreshIfStaleAsync(default));
    }

    [Fact]
    public async Task ForView_WhileCountingIsCheap_CountsAfterAChange_SoASmallPortalIsAlwaysCurrent()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        var portal = TestPortal.For(database);
        var snapshots = new DashboardSnapshots(database, new DashboardOptions { InlineBudgetMs = int.MaxValue }, database.Clock);
        var before = (await snapshots.ForViewAsync(default)).Summary;

        await ApplyAsync(portal, Change.OwnerLeft);
        var after = (await snapshots.ForViewAsync(default)).Summary;

        Assert.True(after.OwnersLeft > before.OwnersLeft, $"{before.OwnersLeft} -> {after.OwnersLeft}");
        Assert.Equal(await LiveAsync(database, after.AsOfUtc!.Value), after with { AsOfUtc = null });
    }

    [Fact]
    public async Task GetSummary_Organisation_ComesFromTheSnapshotWithItsTime_AnOwnersSliceIsCountedLive()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        var snapshots = new DashboardSnapshots(database, JobOnly, database.Clock);
        var stored = await snapshots.RefreshAsync(default);
        await using (var db = database.CreateDbContext())
        {
            // A count the live tables cannot give: the organisation's figures are the stored ones.
            var row = await db.DashboardSnapshots.SingleAsync();
            row.SummaryJson = row.SummaryJson.Replace("\"identities\":", "\"identities\":1000000,\"ignored\":", StringComparison.Ordinal);
            await db.SaveChangesAsync();
        }

        var admin = await new DashboardQueries(database, FixedCurrentUser.As("demo-admin", PortalRole.Administrator), snapshots, database.Clock).GetSummaryAsync();
        var reviewer = await new DashboardQueries(database, FixedCurrentUser.As("demo-reviewer", PortalRole.Reviewer), snapshots, database.Clock).GetSummaryAsync();

        Assert.Equal((1_000_000, stored.ComputedUtc), (admin.Identities, admin.AsOfUtc));
        Assert.Equal(AccessScope.OwnIdentities, reviewer.Scope);
        Assert.Null(reviewer.AsOfUtc);
        await using var check = database.CreateDbContext();
        Assert.Equal(await check.Identities.CountAsync(i => i.Owner!.Subject == "demo-reviewer"), reviewer.Identities);
    }

    private static async Task ApplyAsync(TestPortal portal, Change change)
    {
        var database = portal.Database;
        await using var db = database.CreateDbContext();
        var admin = FixedCurrentUser.Person("demo-admin", PortalRole.Administrator);
        switch (change)
        {
            case Change.OwnerChanged:
                // Orphans get an active owner: orphan and owner-left counts move.
                var orphans = (await db.Identities.Include(i => i.Owner).Include(i => i.Team).ToListAsync())
                    .Where(i => OrphanRules.ReasonFor(i) != OrphanReason.None).Take(5).Select(i => i.Id).ToList();
                var owner = await db.StaffMembers.FirstAsync(s => s.IsActive && s.Subject == "demo-operator");
                await portal.As<IOwnershipService>(admin).ChangeOwnerAsync(new OwnerChange(orphans, owner.Id, "dashboard test"));
                break;
            case Change.OwnerLeft:
                var leaving = await db.Identities.Where(i => i.OwnerId != null && i.Owner!.IsActive && i.Owner.Subject != "demo-admin")
                    .GroupBy(i => i.OwnerId).Select(g => g.Key!.Value).FirstAsync();
                await portal.As<IOwnershipService>(admin).MarkStaffLeftAsync(leaving, "dashboard test");
                break;
            case Change.CredentialsExpired:
                // A month on: the credentials due in it are expired by the sweep, the expiry windows move with the clock.
                database.Clock.Advance(TimeSpan.FromDays(30));
                Assert.True(await portal.Get<CredentialExpiryRun>().MarkExpiredAsync() > 0);
                break;
            case Change.CredentialRegistered:
                var identity = await db.Identities.FirstAsync(i => i.LifecycleState == IdentityLifecycleState.Active && i.OwnerId != null);
                var now = database.Clock.GetUtcNow().UtcDateTime;
                await portal.As<ICredentialRegistry>(admin).RegisterAsync(new ManualCredentialDraft
                {
                    IdentityId = identity.Id, Name = "dashboard-test-key", Kind = CredentialKind.ApiKey, Purpose = "dashboard test", Store = "manual",
                    StoreReference = "dashboard-test-key", Fingerprint = new string('a', 64), IssuedUtc = now.AddDays(-400), ExpiresUtc = now.AddDays(3),
                });
                break;
        }
    }

    // The figures counted a second way: every row in memory, the orphan rule's own code, no SQL.
    private static async Task<DashboardSummary> LiveAsync(TestDatabase database, DateTime now)
    {
        await using var db = database.CreateDbContext();
        var window = (await HygienePolicyStore.CurrentAsync(db, default)).ExpiryWarningDays;
        var identities = await db.Identities.AsNoTracking().Include(i => i.Owner).Include(i => i.Team).ToListAsync();
        var active = await db.Credentials.AsNoTracking().Where(c => c.State == CredentialState.Active).ToListAsync();
        bool Expiring(Credential c, int days) => !c.IsDynamic && c.ExpiresUtc >= now && c.ExpiresUtc < now.AddDays(days);
        return new DashboardSummary
        {
            Scope = AccessScope.Everything,
            Identities = identities.Count,
            ActiveIdentities = identities.Count(i => i.LifecycleState == IdentityLifecycleState.Active),
            Orphans = identities.Count(i => OrphanRules.ReasonFor(i) != OrphanReason.None),
            OwnersLeft = identities.Count(i => i.Owner is { IsActive: false } && i.LifecycleState != IdentityLifecycleState.Decommissioned),
            SharedOrBreakGlass = identities.Count(i => i.IsShared || i.IsBreakGlass),
            DiscoveredUnowned = identities.Count(i => i.DiscoveredBy != null && i.OwnerId == null),
            ActiveCredentials = active.Count,
            ShadowCredentials = active.Count(c => c.IdentityId == null),
            ExpiringSoon = active.Count(c => Expiring(c, window)),
            ExpiringWithin7Days = active.Count(c => Expiring(c, 7)),
            PastExpiryStillActive = active.Count(c => c.ExpiresUtc < now),
            NeverRotatedOverOneYear = active.Count(c => !c.IsDynamic && c.LastRotatedUtc == null && c.IssuedUtc < now.AddYears(-1)),
            ExpiryWindowDays = window,
        };
    }
}
