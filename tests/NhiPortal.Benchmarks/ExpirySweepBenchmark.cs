using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Connectors;
using NhiPortal.Infrastructure.Credentials;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Inventory;
using NhiPortal.Infrastructure.Notifications;
using NhiPortal.Infrastructure.Revocation;

namespace NhiPortal.Benchmarks;

/// <summary>
/// On a copy of the file: 500,000 active credentials past their expiry, marked by a bare UPDATE + INSERT of the same
/// events (then put back), then by the portal's sweep, while the grid's first page is asked for in a loop.
/// </summary>
internal static class ExpirySweepBenchmark
{
    private const int Due = 500_000;

    public static Task RunAsync(string path) => FileCopy.RunOnCopyAsync(path, "sweep", RunOnCopyAsync);

    private static async Task RunOnCopyAsync(string copy)
    {
        var connectionString = $"Data Source={copy}";
        var factory = new RescoreBenchmark.Factory(DbContextOptionsFactory.Create(new DatabaseSettings(DatabaseProvider.Sqlite, connectionString, true)));
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        await using var services = new ServiceCollection().AddLogging()
            .AddSingleton<IDbContextFactory<NhiPortalDbContext>>(factory).AddSingleton(TimeProvider.System)
            .AddSingleton<IConnectorRegistry>(new ConnectorRegistry([])).AddSingleton(new RevocationOptions()).AddSingleton(new SmtpSettings())
            .AddSingleton(AuditChainKey.CreateRandom()).AddSingleton(new AuditHeadsFile(copy + ".heads.jsonl"))
            .AddNhiServices().BuildServiceProvider();
        var now = DateTime.UtcNow;
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await PrepareAsync(connection, now);
        var admin = new InventoryBenchmark.FixedUser(new PortalUser("bench-admin", "Benchmark", null, new HashSet<PortalRole> { PortalRole.Administrator }));
        var grid = new InventoryQueries(factory, admin, TimeProvider.System);
        var idle = await SampleGridAsync(grid, TimeSpan.FromSeconds(5), CancellationToken.None);

        var bare = await BareAsync(connection, now);
        await ExecuteAsync(connection, $"UPDATE Credentials SET State = 'Active', StateChangedUtc = NULL WHERE State = 'Expired' AND StateChangedUtc = '{Text(now)}'");

        using var stop = new CancellationTokenSource();
        var sampling = Task.Run(() => SampleGridAsync(grid, TimeSpan.FromHours(1), stop.Token));
        var watch = Stopwatch.StartNew();
        var marked = await services.GetRequiredService<CredentialExpiryRun>().MarkExpiredAsync();
        var portal = watch.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        var during = await sampling;

        Console.WriteLine($"Expiry sweep of {marked:N0} credentials (each with its audit event)");
        Console.WriteLine($"  bare SQL: one INSERT ... SELECT of the events + one UPDATE   {bare,7:F2} s   {Due / bare,9:N0} rows/s");
        Console.WriteLine($"  portal CredentialExpiryRun (batches, MAC'd events)         {portal,7:F2} s   {marked / portal,9:N0} rows/s   {portal / bare,5:F2}x bare");
        Console.WriteLine($"  grid first page, idle:           median {idle.Median,7:F2} ms   p95 {idle.P95,7:F2} ms   ({idle.Count} samples)");
        Console.WriteLine($"  grid first page, during sweep:   median {during.Median,7:F2} ms   p95 {during.P95,7:F2} ms   ({during.Count} samples)");
    }

    /// <summary>Exactly <see cref="Due"/> active static credentials past their expiry; the file's own due ones move a year out.</summary>
    private static async Task PrepareAsync(SqliteConnection connection, DateTime now)
    {
        var watch = Stopwatch.StartNew();
        await ExecuteAsync(connection, $"UPDATE Credentials SET ExpiresUtc = '{Text(now.AddDays(365))}' WHERE State = 'Active' AND ExpiresUtc < '{Text(now)}'");
        await ExecuteAsync(connection, $"""
            UPDATE Credentials SET ExpiresUtc = '{Text(now.AddDays(-1))}'
            WHERE rowid IN (SELECT rowid FROM Credentials WHERE State = 'Active' AND IsDynamic = 0 ORDER BY rowid LIMIT {Due})
            """);
        Console.WriteLine($"Prepared {Due:N0} due credentials in {watch.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task<double> BareAsync(SqliteConnection connection, DateTime now)
    {
        var watch = Stopwatch.StartNew();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var at = Text(now);
        await ExecuteAsync(connection, $"""
            INSERT INTO AuditEvents (Stream, Type, OccurredUtc, Actor, TargetType, TargetId, Summary, BeforeJson, AfterJson)
            SELECT 'Credential', 'CredentialExpired', '{at}', 'system:bench-bare', 'Credential', Id,
                Name || ': expired on ' || substr(ExpiresUtc, 1, 16) || ' UTC', '{"{"}"State":"Active"{"}"}', '{"{"}"State":"Expired"{"}"}'
            FROM Credentials WHERE State = 'Active' AND ExpiresUtc < '{at}'
            """, transaction);
        await ExecuteAsync(connection, $"UPDATE Credentials SET State = 'Expired', StateChangedUtc = '{at}' WHERE State = 'Active' AND ExpiresUtc < '{at}'", transaction);
        await ExecuteAsync(connection, $"""
            UPDATE CredentialScores SET Score = NULL WHERE CredentialId IN (SELECT Id FROM Credentials WHERE State = 'Expired' AND StateChangedUtc = '{at}')
            """, transaction);
        await transaction.CommitAsync();
        return watch.Elapsed.TotalSeconds;
    }

    private static async Task<(double Median, double P95, int Count)> SampleGridAsync(IInventoryQueries grid, TimeSpan duration, CancellationToken ct)
    {
        var samples = new List<double>();
        var until = Stopwatch.StartNew();
        while (until.Elapsed < duration && !ct.IsCancellationRequested)
        {
            var start = Stopwatch.GetTimestamp();
            await grid.QueryIdentitiesAsync(new IdentityFilter(), new PageRequest(0, 50), CancellationToken.None);
            samples.Add(Timing.Milliseconds(start));
            // A person's pace, not a load test: one page every 100 ms.
            await Task.Delay(100, CancellationToken.None);
        }
        var (median, p95) = Timing.Summarise(samples);
        return (median, p95, samples.Count);
    }

    private static string Text(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }
}
