using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Usage;
using NhiPortal.Infrastructure;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Connectors;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Notifications;
using NhiPortal.Infrastructure.Revocation;
using NhiPortal.Infrastructure.Usage;

namespace NhiPortal.Benchmarks;

/// <summary>
/// usage-ingest: events through <see cref="IUsageIngest"/> end to end beside prepared inserts of the same aggregated
/// rows into a plain table. baseline-eval: one evaluation pass over a changed bucket per credential beside a bare
/// read-buckets-and-write-baselines pass.
/// </summary>
internal static class UsageBenchmark
{
    public static async Task IngestAsync(int events, int credentials)
    {
        var (factory, services, directory) = await PortalAsync(new Core.Inventory.SyntheticOrganisationSize(Staff: 200, Teams: 20, Identities: credentials / 2, Credentials: credentials));
        List<Guid> ids;
        await using (var db = factory.CreateDbContext())
        {
            ids = await db.Credentials.Select(c => c.Id).ToListAsync();
        }
        var now = DateTime.UtcNow;
        var random = new Random(7);
        // Each credential from two addresses in its own /24 (a few from a second network), over the last six hours.
        var all = Enumerable.Range(0, events).Select(i =>
        {
            var c = i % ids.Count;
            return new UsageEvent
            {
                CredentialId = ids[c], TimeUtc = now.AddSeconds(-random.Next(6 * 3600)), Target = "orders",
                SourceAddress = $"10.{c / 256 % 256}.{c % 256}.{(random.Next(50) == 0 ? 200 : 10 + i % 2)}",
                Outcome = random.Next(100) == 0 ? UsageOutcome.Refused : UsageOutcome.Succeeded,
            };
        }).ToList();
        var aggregated = all.GroupBy(e => (e.CredentialId!.Value, new DateTime(e.TimeUtc.Year, e.TimeUtc.Month, e.TimeUtc.Day, e.TimeUtc.Hour, 0, 0), SourceNetwork.Of(e.SourceAddress)))
            .Select(g => (g.Key.Value, g.Key.Item2, g.Key.Item3, (long)g.Count(), g.Min(e => e.TimeUtc), g.Max(e => e.TimeUtc))).ToList();

        var bare = Stopwatch.StartNew();
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.OpenConnectionAsync();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await db.Database.ExecuteSqlRawAsync("""CREATE TABLE "BareBuckets" ("CredentialId" TEXT, "HourUtc" TEXT, "Network" TEXT, "Count" INTEGER, "FirstSeenUtc" TEXT, "LastSeenUtc" TEXT)""");
            await using var transaction = await db.Database.BeginTransactionAsync();
            using var insert = new SqliteStatement(connection, """INSERT INTO "BareBuckets" VALUES (?1, ?2, ?3, ?4, ?5, ?6)""");
            foreach (var (credential, hour, network, count, first, last) in aggregated)
            {
                insert.Bind(1, credential).Bind(2, hour).Bind(3, network).Bind(4, count).Bind(5, first).Bind(6, last).Execute();
            }
            await transaction.CommitAsync();
        }
        bare.Stop();

        var ingest = services.GetRequiredService<IUsageIngest>();
        var portal = Stopwatch.StartNew();
        var accepted = 0;
        foreach (var batch in all.Chunk(50_000))
        {
            accepted += (await ingest.IngestAsync(batch, "benchmark")).Accepted;
        }
        portal.Stop();
        Console.WriteLine($"usage-ingest: {events:N0} events over {ids.Count:N0} credentials -> {aggregated.Count:N0} buckets (batches of 50,000; {accepted:N0} accepted)");
        Console.WriteLine($"  bare: prepared inserts of the aggregated rows, one transaction  {bare.Elapsed.TotalSeconds,6:F2} s  ({events / bare.Elapsed.TotalSeconds,12:N0} events/s equivalent)");
        Console.WriteLine($"  portal: UsageIngest end to end                               {portal.Elapsed.TotalSeconds,6:F2} s  ({events / portal.Elapsed.TotalSeconds,12:N0} events/s)  {portal.Elapsed / bare.Elapsed,5:F2}x bare");
        Directory.Delete(directory, true);
    }

    public static async Task EvaluateAsync(int credentials, double newNetworkShare = 0.01)
    {
        var (factory, services, directory) = await PortalAsync(new Core.Inventory.SyntheticOrganisationSize(Staff: 2_000, Teams: 100, Identities: credentials / 3, Credentials: credentials));
        var now = DateTime.UtcNow;
        var hour = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        var seed = Stopwatch.StartNew();
        await using (var db = factory.CreateDbContext())
        {
            var ids = await db.Credentials.Select(c => c.Id).ToListAsync();
            await db.Database.OpenConnectionAsync();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await using var transaction = await db.Database.BeginTransactionAsync();
            using var baselines = new BulkInserter<UsageBaseline>(db, connection);
            using var buckets = new BulkInserter<UsageBucket>(db, connection);
            var slots = HourOfWeek.Format(Enumerable.Repeat(4, HourOfWeek.Slots).ToArray());
            for (var i = 0; i < ids.Count; i++)
            {
                var network = $"10.{i / 65536 % 256}.{i / 256 % 256}.0/24";
                baselines.Insert(new UsageBaseline
                {
                    CredentialId = ids[i], FirstSeenUtc = now.AddDays(-30), LastSeenUtc = now.AddHours(-1), LastNetwork = network, Networks = [network], HourOfWeek = slots,
                    DaysObserved = 29, DailyMean = 100, DailyM2 = 28 * 100, LastDayUtc = now.Date, LastDayCount = 50, UpdatedUtc = now.AddHours(-1),
                });
                var moved = i % (int)(1 / newNetworkShare) == 0;
                buckets.Insert(new UsageBucket
                {
                    CredentialId = ids[i], HourUtc = hour, Network = moved ? "192.168.1.0/24" : network, Count = 10, FirstSeenUtc = now.AddMinutes(-5), LastSeenUtc = now,
                    LastAddress = moved ? "192.168.1.9" : null, UpdatedUtc = now,
                });
            }
            await transaction.CommitAsync();
            await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        }
        Console.WriteLine($"baseline-eval: seeded {credentials:N0} baselines and changed buckets in {seed.Elapsed.TotalSeconds:N1} s");

        var bare = Stopwatch.StartNew();
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.OpenConnectionAsync();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await using var transaction = await db.Database.BeginTransactionAsync();
            using var write = new SqliteStatement(connection, """UPDATE "UsageBaselines" SET "LastDayCount" = "LastDayCount" + ?2, "LastSeenUtc" = ?3, "UpdatedUtc" = ?3 WHERE "CredentialId" = ?1""");
            await using var read = connection.CreateCommand();
            read.CommandText = """SELECT b."CredentialId", b."Count", b."LastSeenUtc", s."Networks", s."HourOfWeek" FROM "UsageBuckets" b JOIN "UsageBaselines" s ON s."CredentialId" = b."CredentialId" WHERE b."UpdatedUtc" >= @since""";
            read.Parameters.AddWithValue("@since", now.AddMinutes(-1).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture));
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                write.Bind(1, reader.GetGuid(0)).Bind(2, reader.GetInt64(1)).Bind(3, reader.GetDateTime(2)).Execute();
                _ = (reader.GetString(3), reader.GetString(4));
            }
            await reader.DisposeAsync();
            await transaction.RollbackAsync();
        }
        bare.Stop();
        Console.WriteLine($"  (bare pass done in {bare.Elapsed.TotalSeconds:F1} s; evaluating)");

        var result = await services.GetRequiredService<UsageEvaluation>().EvaluateAsync();
        Console.WriteLine($"  bare: read changed buckets + baselines, write each baseline back   {bare.Elapsed.TotalSeconds,6:F2} s");
        Console.WriteLine($"  portal: UsageEvaluation ({result.Buckets:N0} buckets, {result.Credentials:N0} credentials, {result.Flags:N0} flags)  {result.Elapsed.TotalSeconds,6:F2} s  {result.Elapsed / bare.Elapsed,5:F2}x bare  (budget 60 s)");
        Directory.Delete(directory, true);
    }

    private static async Task<(RescoreBenchmark.Factory, ServiceProvider, string)> PortalAsync(Core.Inventory.SyntheticOrganisationSize size)
    {
        var directory = Directory.CreateTempSubdirectory("nhiportal-bench-usage-").FullName;
        var path = Path.Combine(directory, "portal.db");
        await Generator.RunAsync(path, size);
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={path}", true);
        var factory = new RescoreBenchmark.Factory(DbContextOptionsFactory.Create(settings));
        var services = new ServiceCollection().AddLogging()
            .AddSingleton<IDbContextFactory<NhiPortalDbContext>>(factory).AddSingleton(TimeProvider.System)
            .AddSingleton<Core.Revocation.IConnectorRegistry>(new ConnectorRegistry([])).AddSingleton(new RevocationOptions()).AddSingleton(new SmtpSettings())
            .AddSingleton(AuditChainKey.CreateRandom()).AddSingleton(new AuditHeadsFile(Path.Combine(directory, "heads.jsonl")))
            .AddNhiServices().BuildServiceProvider();
        return (factory, services, directory);
    }
}
