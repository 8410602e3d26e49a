using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Inventory;

namespace NhiPortal.Infrastructure.Tests.Inventory;

/// <summary>
/// The credential grid in every sort, walked page by page, against the same order computed in memory: each sort walks
/// its own index, "expires" soonest first puts the credentials that never expire after the dated ones (two walks),
/// broad filters carry SQLite's planner hint, and the scores are read after the page.
/// </summary>
public class CredentialPagesTests(SeededDatabaseFixture fixture) : IClassFixture<SeededDatabaseFixture>
{
    public static TheoryData<string, bool, string> Cases()
    {
        var data = new TheoryData<string, bool, string>();
        foreach (var sort in new[] { CredentialSort.Name, CredentialSort.Issued, CredentialSort.Expires, CredentialSort.LastUsed, CredentialSort.LastRotated })
        {
            foreach (var descending in new[] { false, true })
            {
                foreach (var filter in new[] { "none", "active", "kind" })
                {
                    data.Add(sort, descending, filter);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EverySortAndBroadFilter_PagesFollowTheOrderComputedInMemory(string sort, bool descending, string filterName)
    {
        await using var db = fixture.Database.CreateDbContext();
        var all = await db.Credentials.AsNoTracking().ToListAsync();
        var kind = all.GroupBy(c => c.Kind).MaxBy(g => g.Count())!.Key;
        var (filter, matches) = filterName switch
        {
            "active" => (new CredentialFilter { State = CredentialState.Active }, all.Where(c => c.State == CredentialState.Active).ToList()),
            "kind" => (new CredentialFilter { Kind = kind }, all.Where(c => c.Kind == kind).ToList()),
            _ => (new CredentialFilter(), all),
        };
        var expected = Order(matches, sort, descending).Select(c => c.Id).ToList();
        var queries = new InventoryQueries(fixture.Database, FixedCurrentUser.As("a", PortalRole.Auditor), fixture.Database.Clock);

        // The first pages (hinted: the filter matches most rows), a middle one, and the last, which for "expires"
        // soonest first crosses from the dated credentials to those that never expire.
        var undated = matches.Count(c => c.ExpiresUtc is null);
        foreach (var skip in new[] { 0, 25, expected.Count / 2, expected.Count - undated - 10, expected.Count - 20 }.Where(s => s >= 0).Distinct())
        {
            var page = await queries.QueryCredentialsAsync(filter, new PageRequest(skip, 25, sort, descending));

            Assert.Equal(matches.Count, page.TotalCount);
            Assert.Equal(expected.Skip(skip).Take(25), page.Rows.Select(r => r.Id));
        }
    }

    [Fact]
    public async Task PageRows_CarryTheScoresStoredForThem()
    {
        // This class's own copy of the demo organisation: scoring it changes no row the other test reads.
        await new NhiPortal.Infrastructure.Hygiene.HygieneRescorer(fixture.Database, fixture.Database.Clock).RescoreAllAsync();
        await using var db = fixture.Database.CreateDbContext();
        var queries = new InventoryQueries(fixture.Database, FixedCurrentUser.As("a", PortalRole.Auditor), fixture.Database.Clock);

        var page = await queries.QueryCredentialsAsync(new CredentialFilter { State = CredentialState.Active }, new PageRequest(0, 100, CredentialSort.Issued));
        var ids = page.Rows.Select(r => r.Id).ToList();
        var stored = await db.Credentials.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.HygieneScore);

        Assert.Equal(100, page.Rows.Count);
        Assert.Contains(page.Rows, r => r.HygieneScore is not null);
        Assert.All(page.Rows, r => Assert.Equal(stored[r.Id], r.HygieneScore));
    }

    // SQLite's order: names without case (NOCASE), ids as their upper-case text, NULL before every date.
    private static IEnumerable<Credential> Order(List<Credential> rows, string sort, bool descending)
    {
        static string Id(Credential c) => c.Id.ToString().ToUpperInvariant();
        static long Ticks(DateTime? d) => d?.Ticks ?? long.MinValue;
        if (sort == CredentialSort.Name)
        {
            var byName = descending ? rows.OrderByDescending(c => c.Name, StringComparer.OrdinalIgnoreCase) : rows.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase);
            return byName.ThenBy(Id, StringComparer.Ordinal);
        }
        Func<Credential, DateTime?> key = sort switch
        {
            CredentialSort.Issued => c => c.IssuedUtc,
            CredentialSort.Expires => c => c.ExpiresUtc,
            CredentialSort.LastUsed => c => c.LastUsedUtc,
            _ => c => c.LastRotatedUtc,
        };
        if (descending)
        {
            return rows.OrderByDescending(c => Ticks(key(c))).ThenByDescending(Id, StringComparer.Ordinal);
        }
        if (sort == CredentialSort.Expires)
        {
            // Soonest first; the credentials that never expire last.
            return rows.OrderBy(c => c.ExpiresUtc is null).ThenBy(c => Ticks(c.ExpiresUtc)).ThenBy(Id, StringComparer.Ordinal);
        }
        return rows.OrderBy(c => Ticks(key(c))).ThenBy(Id, StringComparer.Ordinal);
    }
}
