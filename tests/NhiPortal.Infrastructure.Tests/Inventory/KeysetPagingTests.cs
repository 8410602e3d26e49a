using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Inventory;

namespace NhiPortal.Infrastructure.Tests.Inventory;

/// <summary>The API's cursor walk: every row once, in (name, id) order, with the filter applied, and no count.</summary>
public class KeysetPagingTests(SeededDatabaseFixture fixture) : IClassFixture<SeededDatabaseFixture>
{
    private InventoryQueries Auditor => new(fixture.Database, FixedCurrentUser.As("a", PortalRole.Auditor), fixture.Database.Clock);

    [Fact]
    public async Task WalkingCredentialsByCursor_VisitsEachOnce_EvenWhereNamesRepeat()
    {
        await using var db = fixture.Database.CreateDbContext();
        var expected = (await db.Credentials.Where(c => c.State == CredentialState.Active).Select(c => new { c.Name, c.Id }).ToListAsync())
            .OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id.ToString("D").ToUpperInvariant(), StringComparer.Ordinal).Select(c => c.Id).ToList();
        var seen = new List<Guid>();
        NameCursor? after = null;
        while (true)
        {
            var page = await Auditor.QueryCredentialsAsync(new CredentialFilter { State = CredentialState.Active }, new PageRequest(Take: 37) { After = after, CountTotal = false });
            seen.AddRange(page.Rows.Select(r => r.Id));
            Assert.Equal(-1, page.TotalCount);
            if (page.Rows.Count < 37)
            {
                break;
            }
            after = new NameCursor(page.Rows[^1].Name, page.Rows[^1].Id);
        }

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task WalkingIdentitiesByCursor_WithASearch_StaysInsideIt()
    {
        await using var db = fixture.Database.CreateDbContext();
        var expected = (await db.Identities.Where(i => i.Kind == IdentityKind.ServiceAccount).Select(i => i.Name).ToListAsync()).Order(StringComparer.Ordinal).ToList();
        var seen = new List<string>();
        NameCursor? after = null;
        do
        {
            var page = await Auditor.QueryIdentitiesAsync(new IdentityFilter { Kind = IdentityKind.ServiceAccount, Search = "svc-" },
                new PageRequest(Take: 50) { After = after, CountTotal = false });
            seen.AddRange(page.Rows.Select(r => r.Name));
            after = page.Rows.Count == 50 ? new NameCursor(page.Rows[^1].Name, page.Rows[^1].Id) : null;
        }
        while (after is not null);

        Assert.Equal(expected.Where(n => n.StartsWith("svc-", StringComparison.Ordinal)), seen);
    }
}
