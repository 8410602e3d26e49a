using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Ownership;
using NhiPortal.Infrastructure.Dashboard;

namespace NhiPortal.Infrastructure.Tests.Dashboard;

public class DashboardQueriesTests(SeededDatabaseFixture fixture) : IClassFixture<SeededDatabaseFixture>
{
    private DashboardQueries QueriesFor(ICurrentUser user) => new(fixture.Database, user, new DashboardSnapshots(fixture.Database, new DashboardOptions(), fixture.Database.Clock), fixture.Database.Clock);

    [Fact]
    public async Task GetSummary_Auditor_SeesTheWholeOrganisation()
    {
        var summary = await QueriesFor(FixedCurrentUser.As("demo-auditor", PortalRole.Auditor)).GetSummaryAsync();

        Assert.Equal(AccessScope.Everything, summary.Scope);
        Assert.Equal(2_000, summary.Identities);
        Assert.True(summary.ShadowCredentials > 0);
        Assert.True(summary.ExpiringSoon > 0);
        Assert.True(summary.NeverRotatedOverOneYear > 0);
    }

    [Fact]
    public async Task GetSummary_OrphanCount_AgreesWithTheInMemoryRule()
    {
        await using var db = fixture.Database.CreateDbContext();
        var all = await db.Identities.Include(i => i.Owner).Include(i => i.Team).AsNoTracking().ToListAsync();
        var expected = all.Count(i => OrphanRules.ReasonFor(i) != OrphanReason.None);

        var summary = await QueriesFor(FixedCurrentUser.As("demo-admin", PortalRole.Administrator)).GetSummaryAsync();

        Assert.Equal(expected, summary.Orphans);
        Assert.InRange(expected, 1, all.Count - 1);
    }

    [Fact]
    public async Task GetSummary_Reviewer_SeesOnlyIdentitiesTheyOwn()
    {
        await using var db = fixture.Database.CreateDbContext();
        var owned = await db.Identities.CountAsync(i => i.Owner!.Subject == "demo-reviewer");

        var summary = await QueriesFor(FixedCurrentUser.As("demo-reviewer", PortalRole.Reviewer)).GetSummaryAsync();

        Assert.Equal(AccessScope.OwnIdentities, summary.Scope);
        Assert.Equal(owned, summary.Identities);
        Assert.InRange(owned, 1, 1_999);
        Assert.Equal(0, summary.ShadowCredentials);
    }

    [Fact]
    public async Task GetSummary_NoPortalRole_IsRefusedByTheService()
    {
        var queries = QueriesFor(FixedCurrentUser.As("demo-visitor"));

        await Assert.ThrowsAsync<AccessDeniedException>(() => queries.GetSummaryAsync());
    }
}
