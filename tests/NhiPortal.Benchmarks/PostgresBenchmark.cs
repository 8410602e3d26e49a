using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Inventory;
using NhiPortal.Tests.Shared;
using Npgsql;

namespace NhiPortal.Benchmarks;

/// <summary>
/// The portal on a PostgreSQL server at scale, beside bare SQL on the same server in the same run: a throwaway
/// cluster, the portal's migrations, the synthetic organisation through the portal's loader (COPY), then the
/// identities grid, a full rescore, the credential hygiene export and a bulk revocation.
/// </summary>
internal static class PostgresBenchmark
{
    private sealed record Scenario(string Name, IdentityFilter Filter, PageRequest Page, string Where, object[] Parameters);

    private static readonly Scenario[] Scenarios =
    [
        new("kind = ServiceAccount, by name, page 101 (OFFSET 5000)", new IdentityFilter { Kind = IdentityKind.ServiceAccount }, new PageRequest(5_000, 50),
            "i.\"Kind\" = $1", ["ServiceAccount"]),
        new("environment = Production, by name, first page", new IdentityFilter { Environment = DeploymentEnvironment.Production }, new PageRequest(0, 50),
            "i.\"Environment\" = $1", ["Production"]),
        new("name starts with 'svc-ledger', first page", new IdentityFilter { Search = "svc-ledger" }, new PageRequest(0, 50),
            "i.\"Name\" >= $1 AND i.\"Name\" < $2", ["svc-ledger", "svc-ledger\uffff"]),
    ];

    public static async Task RunAsync(SyntheticOrganisationSize size, int iterations, bool skipExport)
    {
        // Memory for a 1M/3M database on a 24 GiB machine; fsync off as in every throwaway cluster here.
        // NHI_BENCH_PG_SLOW=<ms> logs every statement slower than that and prints them at the end.
        var slow = Environment.GetEnvironmentVariable("NHI_BENCH_PG_SLOW");
        await using var server = await PostgresServer.StartAsync(settings: "-c shared_buffers=2GB -c work_mem=256MB -c maintenance_work_mem=1GB -c max_wal_size=8GB" +
            (slow is { Length: > 0 } ? $" -c log_min_duration_statement={slow}" : ""));
        try
        {
            await RunOnAsync(server, size, iterations, skipExport);
        }
        finally
        {
            if (slow is { Length: > 0 })
            {
                Console.WriteLine("Slow statements:");
                Console.WriteLine(string.Join('\n', (await File.ReadAllLinesAsync(server.LogPath)).Where(l => l.Contains("duration:", StringComparison.Ordinal))));
            }
        }
    }

    private static async Task RunOnAsync(PostgresServer server, SyntheticOrganisationSize size, int iterations, bool skipExport)
    {
        await server.ExecuteAsync("CREATE DATABASE nhi_bench");
        var connectionString = new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = "nhi_bench", CommandTimeout = 0, Timeout = 30 }.ConnectionString;
        var settings = new DatabaseSettings(DatabaseProvider.PostgreSql, connectionString, false);
        var factory = new RescoreBenchmark.Factory(DbContextOptionsFactory.Create(settings));
        var watch = Stopwatch.StartNew();
        await using (var db = factory.CreateDbContext())
        {
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            await db.Database.MigrateAsync();
            var loader = new SyntheticOrganisationLoader(new AuditWriter(TimeProvider.System, AuditChainKey.CreateRandom()), TimeProvider.System);
            var loaded = await loader.LoadAsync(db, size, perRecordAudit: false);
            Console.WriteLine($"Loaded {loaded.Identities:N0} identities and {loaded.Credentials:N0} credentials through the portal's loader (COPY) in {loaded.Elapsed.TotalSeconds:N1} s");
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
            Console.WriteLine($"Migrated, loaded and analysed in {watch.Elapsed.TotalSeconds:N1} s");
        }
        await GridAsync(factory, connectionString, iterations);
        await PostgresRescoreBenchmark.RunAsync(factory, connectionString, Math.Min(iterations, 3));
        if (!skipExport)
        {
            await PostgresExportBenchmark.RunAsync(settings, connectionString);
        }
        await BareRevokeAsync(connectionString, 100_000);
        await BulkRevokeBenchmark.RunOnAsync(factory, 100_000);
    }

    private static async Task GridAsync(RescoreBenchmark.Factory factory, string connectionString, int iterations)
    {
        var admin = new InventoryBenchmark.FixedUser(new PortalUser("bench-admin", "Benchmark", null, new HashSet<PortalRole> { PortalRole.Administrator }));
        var portal = new InventoryQueries(factory, admin, TimeProvider.System);
        Console.WriteLine($"Identities grid: {iterations} timed runs each after 20 warm-up runs; median (p95) in ms, page + count");
        Console.WriteLine($"{"scenario",-58} {"bare SQL",16} {"portal",16} {"ratio",7}");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var scenario in Scenarios)
        {
            var (bare, mine) = (new List<double>(), new List<double>());
            var (bareRows, portalRows) = (0, 0);
            for (var run = -20; run < iterations; run++)
            {
                var start = Stopwatch.GetTimestamp();
                bareRows = await BarePageAsync(connection, scenario);
                var bareMs = Timing.Milliseconds(start);
                start = Stopwatch.GetTimestamp();
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

    // The indexed SQL a careful engineer would write by hand: the count, then the page by the name index, joined
    // and with per-row credential figures for those 50 rows only.
    private static async Task<int> BarePageAsync(NpgsqlConnection connection, Scenario scenario)
    {
        await using var count = new NpgsqlCommand($"SELECT COUNT(*) FROM \"Identities\" i WHERE {scenario.Where}", connection);
        Bind(count, scenario.Parameters);
        var total = (int)(long)(await count.ExecuteScalarAsync())!;
        await using var page = new NpgsqlCommand($"""
            SELECT i."Id", i."Name", i."Kind", i."Environment", i."LifecycleState", i."PrivilegeLevel", t."Name", t."IsDissolved",
                   i."OwnerId", s."DisplayName", s."IsActive", i."IsShared", i."IsBreakGlass", i."IsVendorManaged",
                   i."CreatedUtc", i."LastActivityUtc", i."LastAttestedUtc",
                   (SELECT COUNT(*) FROM "Credentials" c WHERE c."IdentityId" = i."Id" AND c."State" = 'Active'),
                   (SELECT MIN(c."IssuedUtc") FROM "Credentials" c WHERE c."IdentityId" = i."Id" AND c."State" = 'Active')
            FROM (SELECT * FROM "Identities" i WHERE {scenario.Where} ORDER BY i."Name"
                  LIMIT {scenario.Page.SafeTake} OFFSET {scenario.Page.SafeSkip}) AS i
            LEFT JOIN "Teams" t ON t."Id" = i."TeamId"
            LEFT JOIN "StaffMembers" s ON s."Id" = i."OwnerId"
            ORDER BY i."Name"
            """, connection);
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

    // The floor for a bulk revocation's request and write-back: the steps and one event per credential inserted
    // set-based, the credentials marked revoked, in one transaction, rolled back so the portal's run finds them active.
    private static async Task BareRevokeAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var watch = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand($"""
            CREATE TEMP TABLE bare_ids ON COMMIT DROP AS SELECT "Id", "Name", "IdentityId" FROM "Credentials" WHERE "State" = 'Active' ORDER BY "Id" LIMIT {count};
            INSERT INTO "RevocationRuns" ("Id", "Reason", "RequestedBy", "RequestedByName", "RequestedUtc", "Status", "DisableIdentity", "Executions",
                    "StepsPending", "StepsRevoked", "StepsVerified", "StepsProbeFailed", "StepsFailed")
                VALUES ('00000000-0000-0000-0000-000000000001', 'bare', 'bench', 'bench', now(), 'Completed', false, 1, 0, 0, {count}, 0, 0);
            INSERT INTO "RevocationSteps" ("RunId", "CredentialId", "CredentialName", "IdentityId", "Connector", "Status", "Attempts")
                SELECT '00000000-0000-0000-0000-000000000001', "Id", "Name", "IdentityId", 'bulk', 'Verified', 1 FROM bare_ids;
            UPDATE "Credentials" c SET "State" = 'Revoked', "StateChangedUtc" = now() FROM bare_ids b WHERE c."Id" = b."Id";
            UPDATE "CredentialScores" s SET "Score" = NULL FROM bare_ids b WHERE s."CredentialId" = b."Id";
            """, connection, transaction);
        await command.ExecuteNonQueryAsync();
        var seconds = watch.Elapsed.TotalSeconds;
        await transaction.RollbackAsync();
        Console.WriteLine($"Bare set-based revocation write of {count:N0} credentials (run, steps, states, scores; no events): {seconds:N1} s");
    }

    private static void Bind(NpgsqlCommand command, object[] parameters)
    {
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }
    }
}
