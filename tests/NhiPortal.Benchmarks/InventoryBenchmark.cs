using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Inventory;

namespace NhiPortal.Benchmarks;

/// <summary>
/// The identities grid's query through the portal's own service, beside the bare indexed SQL for the same page and
/// count. Both read every column of the page and the count; the ratio is the portal's overhead.
/// </summary>
internal static class InventoryBenchmark
{
    private sealed record Scenario(string Name, IdentityFilter Filter, PageRequest Page, string Where, string OrderBy, object[] Parameters);

    private static readonly Scenario[] Scenarios =
    [
        new("kind = ServiceAccount, by name, page 101 (OFFSET 5000)",
            new IdentityFilter { Kind = IdentityKind.ServiceAccount }, new PageRequest(5_000, 50),
            "i.Kind = $p0", "i.Name", ["ServiceAccount"]),
        new("environment = Production, by name, first page",
            new IdentityFilter { Environment = DeploymentEnvironment.Production }, new PageRequest(0, 50),
            "i.Environment = $p0", "i.Name", ["Production"]),
        new("name starts with 'svc-ledger', first page",
            new IdentityFilter { Search = "svc-ledger" }, new PageRequest(0, 50),
            "i.Name >= $p0 AND i.Name < $p1", "i.Name", ["svc-ledger", "svc-ledger\uffff"]),
    ];

    public static async Task RunAsync(string path, int iterations)
    {
        var connectionString = $"Data Source={Path.GetFullPath(path)}";
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, connectionString, false);
        var factory = new Factory(DbContextOptionsFactory.Create(settings));
        var admin = new FixedUser(new PortalUser("bench-admin", "Benchmark", null, new HashSet<PortalRole> { PortalRole.Administrator }));
        var portal = new InventoryQueries(factory, admin, TimeProvider.System);
        await using (var db = factory.CreateDbContext())
        {
            Console.WriteLine($"Database: {path}: {await db.Identities.CountAsync():N0} identities, {await db.Credentials.CountAsync():N0} credentials");
        }
        if (Environment.GetEnvironmentVariable("NHI_BENCH_SQL") == "1")
        {
            await using var db = factory.CreateDbContext();
            var user = await admin.GetAsync();
            var first = Scenarios[0];
            var query = InventoryQueries.Filter(db, db.Identities.AsNoTracking(), first.Filter, AccessScope.Everything, user);
            Console.WriteLine(InventoryQueries.ToRows(InventoryQueries.Sort(query, first.Page).Skip(first.Page.SafeSkip).Take(first.Page.SafeTake)).ToQueryString());
        }
        Console.WriteLine($"{iterations} timed runs each after 20 warm-up runs; median (p95) in ms, page + count");
        Console.WriteLine($"{"scenario",-58} {"bare SQL",16} {"portal",16} {"ratio",7}");
        foreach (var scenario in Scenarios)
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            var bareRows = 0;
            var portalRows = 0;
            var bare = new List<double>();
            var mine = new List<double>();
            for (var run = -20; run < iterations; run++)
            {
                var start = System.Diagnostics.Stopwatch.GetTimestamp();
                bareRows = await BareAsync(connection, scenario);
                var bareMs = Timing.Milliseconds(start);
                start = System.Diagnostics.Stopwatch.GetTimestamp();
                var page = await portal.QueryIdentitiesAsync(scenario.Filter, scenario.Page);
                var portalMs = Timing.Milliseconds(start);
                portalRows = page.Rows.Count + page.TotalCount;
                if (run >= 0)
                {
                    bare.Add(bareMs);
                    mine.Add(portalMs);
                }
            }
            if (bareRows != portalRows)
            {
                throw new InvalidOperationException($"{scenario.Name}: bare SQL returned {bareRows} rows + count, the portal {portalRows}.");
            }
            var (bareMedian, bareP95) = Timing.Summarise(bare);
            var (mineMedian, mineP95) = Timing.Summarise(mine);
            Console.WriteLine($"{scenario.Name,-58} {$"{bareMedian:F2} ({bareP95:F2})",16} {$"{mineMedian:F2} ({mineP95:F2})",16} {mineMedian / bareMedian,6:F2}x");
        }
    }

    // The indexed SQL a careful engineer would write by hand for the same page: count, then the page with joins
    // and per-row credential figures as correlated subqueries.
    private static async Task<int> BareAsync(SqliteConnection connection, Scenario scenario)
    {
        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM Identities i WHERE {scenario.Where}";
        Bind(count, scenario.Parameters);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);

        await using var page = connection.CreateCommand();
        // Page first (index range, LIMIT/OFFSET), then join and compute per-row figures for those 50 rows only.
        page.CommandText = $"""
            SELECT i.Id, i.Name, i.Kind, i.Environment, i.LifecycleState, i.PrivilegeLevel, t.Name, t.IsDissolved,
                   i.OwnerId, s.DisplayName, s.IsActive, i.IsShared, i.IsBreakGlass, i.IsVendorManaged,
                   i.CreatedUtc, i.LastActivityUtc, i.LastAttestedUtc,
                   (SELECT COUNT(*) FROM Credentials c WHERE c.IdentityId = i.Id AND c.State = 'Active'),
                   (SELECT MIN(c.IssuedUtc) FROM Credentials c WHERE c.IdentityId = i.Id AND c.State = 'Active')
            FROM (SELECT * FROM Identities i WHERE {scenario.Where} ORDER BY {scenario.OrderBy}
                  LIMIT {scenario.Page.SafeTake} OFFSET {scenario.Page.SafeSkip}) AS i
            LEFT JOIN Teams t ON t.Id = i.TeamId
            LEFT JOIN StaffMembers s ON s.Id = i.OwnerId
            ORDER BY i.Name
            """;
        Bind(page, scenario.Parameters);
        var rows = 0;
        await using var reader = await page.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            rows++;
        }
        return rows + total;
    }

    private static void Bind(SqliteCommand command, object[] parameters)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue($"$p{i}", parameters[i]);
        }
    }

    private sealed class Factory(DbContextOptions<NhiPortalDbContext> options) : IDbContextFactory<NhiPortalDbContext>
    {
        public NhiPortalDbContext CreateDbContext() => new(options);
    }

    internal sealed class FixedUser(PortalUser user) : ICurrentUser
    {
        public Task<PortalUser> GetAsync() => Task.FromResult(user);
    }
}
