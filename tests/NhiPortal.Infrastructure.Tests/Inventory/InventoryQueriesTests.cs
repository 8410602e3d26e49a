using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Inventory;

namespace NhiPortal.Infrastructure.Tests.Inventory;

public class InventoryQueriesTests(SeededDatabaseFixture fixture) : IClassFixture<SeededDatabaseFixture>
{
    private InventoryQueries As(string subject, params PortalRole[] roles) =>
        new(fixture.Database, FixedCurrentUser.As(subject, roles), fixture.Database.Clock);

    [Fact]
    public async Task QueryIdentities_FilterSortAndPage_MatchLinqOverTheSameRows()
    {
        await using var db = fixture.Database.CreateDbContext();
        var expected = await db.Identities.Where(i => i.Kind == IdentityKind.Bot && i.Environment == DeploymentEnvironment.Production)
            .OrderBy(i => i.Name).Select(i => i.Name).ToListAsync();

        var page = await As("a", PortalRole.Auditor).QueryIdentitiesAsync(
            new IdentityFilter { Kind = IdentityKind.Bot, Environment = DeploymentEnvironment.Production }, new PageRequest(10, 20));

        Assert.Equal(expected.Count, page.TotalCount);
        Assert.Equal(expected.Skip(10).Take(20), page.Rows.Select(r => r.Name));
    }

    [Fact]
    public async Task StaffSearch_FindsAPartOfTheNameOrEmail_WithoutCase_AndTakesWildcardsLiterally()
    {
        await using var db = fixture.Database.CreateDbContext();
        var someone = await db.StaffMembers.OrderBy(s => s.Subject).Skip(7).FirstAsync();
        var part = someone.DisplayName[1..^1].ToUpperInvariant();
        var expected = (await db.StaffMembers.Select(s => new { s.Id, s.DisplayName, s.Email }).ToListAsync())
            .Where(s => s.DisplayName.Contains(part, StringComparison.OrdinalIgnoreCase) || (s.Email?.Contains(part, StringComparison.OrdinalIgnoreCase) ?? false))
            .Select(s => s.Id).Order().ToList();
        var queries = As("a", PortalRole.Auditor);

        var found = await queries.SearchStaffAsync(part, activeOnly: false, take: 100);
        var page = await queries.QueryStaffAsync(part.ToLowerInvariant(), active: null, new PageRequest(0, 100));
        var bySubject = await queries.QueryStaffAsync(someone.Subject, active: null, new PageRequest(0, 100));

        Assert.Contains(found, s => s.Id == someone.Id);
        Assert.Equal(expected, found.Select(s => s.Id).Order());
        Assert.Equal(expected, page.Rows.Select(s => s.Id).Order());
        Assert.Contains(bySubject.Rows, s => s.Id == someone.Id);
        Assert.Empty(await queries.SearchStaffAsync("%", activeOnly: false));
        Assert.Empty(await queries.SearchStaffAsync("_", activeOnly: false));
    }

    [Fact]
    public async Task QueryIdentities_SearchIsACaseInsensitivePrefix()
    {
        var page = await As("a", PortalRole.Auditor).QueryIdentitiesAsync(new IdentityFilter { Search = "SVC-LEDGER" }, new PageRequest(0, 500));

        Assert.NotEmpty(page.Rows);
        Assert.All(page.Rows, r => Assert.StartsWith("svc-ledger", r.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task QueryIdentities_RowsCarryActiveCredentialCounts()
    {
        await using var db = fixture.Database.CreateDbContext();
        var page = await As("a", PortalRole.Auditor).QueryIdentitiesAsync(new IdentityFilter(), new PageRequest(0, 10));

        foreach (var row in page.Rows)
        {
            Assert.Equal(await db.Credentials.CountAsync(c => c.IdentityId == row.Id && c.State == CredentialState.Active), row.ActiveCredentials);
        }
    }

    [Fact]
    public async Task QueryIdentities_OrphansOnly_ReturnsOnlyOrphansWithTheirReason()
    {
        var page = await As("a", PortalRole.Auditor).QueryIdentitiesAsync(new IdentityFilter { OrphansOnly = true }, new PageRequest(0, 500));

        Assert.NotEmpty(page.Rows);
        Assert.All(page.Rows, r => Assert.NotEqual(Core.Ownership.OrphanReason.None, r.OrphanReason));
    }

    [Fact]
    public async Task GetIdentity_OutsideAReviewersScope_IsReportedAsNotFound()
    {
        await using var db = fixture.Database.CreateDbContext();
        var notTheirs = await db.Identities.Where(i => i.Owner!.Subject != "demo-reviewer").Select(i => i.Id).FirstAsync();
        var theirs = await db.Identities.Where(i => i.Owner!.Subject == "demo-reviewer").Select(i => i.Id).FirstAsync();

        var own = await As("demo-reviewer", PortalRole.Reviewer).GetIdentityAsync(theirs);

        Assert.True(own.CallerIsOwner);
        Assert.Single(own.IdentityHistory);
        Assert.Equal(own.Credentials.Count, own.CredentialHistory.Count);
        await Assert.ThrowsAsync<NotFoundException>(() => As("demo-reviewer", PortalRole.Reviewer).GetIdentityAsync(notTheirs));
    }

    [Fact]
    public async Task QueryCredentials_ShadowOnly_ListsOnlyCredentialsWithoutIdentity_AndShortFingerprints()
    {
        var page = await As("a", PortalRole.Auditor).QueryCredentialsAsync(new CredentialFilter { ShadowOnly = true }, new PageRequest(0, 500));

        Assert.NotEmpty(page.Rows);
        Assert.All(page.Rows, r => Assert.Null(r.IdentityId));
        Assert.All(page.Rows, r => Assert.Equal(13, r.FingerprintShort.Length));
    }

    [Fact]
    public async Task QueryCredentials_ExpiringWithin30Days_OnlyActiveWithExpiryBeforeTheWindowEnd()
    {
        var now = TestDatabase.Now.UtcDateTime;

        var page = await As("a", PortalRole.Auditor).QueryCredentialsAsync(new CredentialFilter { ExpiringWithinDays = 30 },
            new PageRequest(0, 500, CredentialSort.Expires));

        Assert.NotEmpty(page.Rows);
        Assert.All(page.Rows, r => Assert.True(r.State == CredentialState.Active && r.ExpiresUtc < now.AddDays(30)));
        Assert.Equal(page.Rows.OrderBy(r => r.ExpiresUtc).Select(r => r.Id), page.Rows.Select(r => r.Id));
    }
}
