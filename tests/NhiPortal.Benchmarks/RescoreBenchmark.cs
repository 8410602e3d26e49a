using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Hygiene;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Hygiene;

namespace NhiPortal.Benchmarks;

/// <summary>
/// A full rescore through the portal beside the bare limit measured in the same process on the same file: read the
/// scoring columns with a data reader and score each row, plus one set-based UPDATE that writes a new value into every
/// row of the narrow score table (so the portal's run after it finds every score changed and rewrites them all).
/// </summary>
internal static class RescoreBenchmark
{
    public static async Task RunAsync(string path, int runs)
    {
        var connectionString = $"Data Source={Path.GetFullPath(path)}";
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, connectionString, true);
        var options = DbContextOptionsFactory.Create(settings);
        await using (var db = new NhiPortalDbContext(options))
        {
            await db.Database.MigrateAsync();
            Console.WriteLine($"Database: {path}: {await db.Credentials.CountAsync():N0} credentials, {await db.Identities.CountAsync():N0} identities");
        }
        var factory = new Factory(options);
        var rescorer = new HygieneRescorer(factory, TimeProvider.System);
        var first = await rescorer.RescoreAllAsync();
        Console.WriteLine($"First rescore (scores as the file had them): {first.Elapsed.TotalSeconds:F2} s");
        var bareRead = new List<double>();
        var bareWrite = new List<double>();
        var portal = new List<double>();
        var neutral = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            bareRead.Add(await BareReadAndScoreAsync(connectionString));
            bareWrite.Add(await BareSetBasedWriteAsync(connectionString, run));
            portal.Add((await rescorer.RescoreAllAsync()).Elapsed.TotalSeconds);
            var phases = RescorePhases.Last;
            var prepare = portal[^1] - phases.ReadScoreStage.TotalSeconds - phases.CredentialWrite.TotalSeconds - phases.IdentitiesAndCommit.TotalSeconds;
            Console.WriteLine($"  run {run + 1}: portal {portal[^1]:F2} s (facts: identities, reuse, flags + snapshot {prepare:F2}, read+score+stage {phases.ReadScoreStage.TotalSeconds:F2}, credential write {phases.CredentialWrite.TotalSeconds:F2}, identities+commit {phases.IdentitiesAndCommit.TotalSeconds:F2}); bare {bareRead[^1] + bareWrite[^1]:F2} s");
            if (Environment.GetEnvironmentVariable("NHI_BENCH_NEUTRAL") == "1")
            {
                neutral.Add((await rescorer.RescoreAllAsync(forceNeutralPath: true)).Elapsed.TotalSeconds);
            }
        }
        var bare = bareRead.Zip(bareWrite, (r, w) => r + w).ToList();
        Console.WriteLine($"{runs} runs each, median seconds");
        Console.WriteLine($"  bare: read + score every credential           {Median(bareRead),6:F2}");
        Console.WriteLine($"  bare: one set-based UPDATE of every score row  {Median(bareWrite),6:F2}   (narrow CredentialScores)");
        Console.WriteLine($"  bare total                                     {Median(bare),6:F2}");
        Console.WriteLine($"  portal full rescore (SQLite, staged write)     {Median(portal),6:F2}   {Median(portal) / Median(bare),5:F2}x bare");
        if (neutral.Count > 0)
        {
            Console.WriteLine($"  portal full rescore (provider-neutral path)    {Median(neutral),6:F2}   {Median(neutral) / Median(bare),5:F2}x bare");
        }
    }

    private static async Task<double> BareReadAndScoreAsync(string connectionString)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // Dates as julian day numbers: parsing ISO text in .NET would cost more than the whole scan.
        command.CommandText = "SELECT Kind, julianday(IssuedUtc), julianday(ExpiresUtc), julianday(LastRotatedUtc), julianday(LastUsedUtc) " +
            "FROM Credentials WHERE State = 'Active'";
        var scorer = new HygieneScorer(HygienePolicy.Default, explain: false);
        var now = DateTime.UtcNow;
        long sum = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            sum += scorer.ScoreCredential(new CredentialFacts
            {
                Kind = Enum.Parse<CredentialKind>(reader.GetString(0)),
                Environment = null,
                IssuedUtc = Julian(reader.GetDouble(1)),
                ExpiresUtc = reader.IsDBNull(2) ? null : Julian(reader.GetDouble(2)),
                LastRotatedUtc = reader.IsDBNull(3) ? null : Julian(reader.GetDouble(3)),
                LastUsedUtc = reader.IsDBNull(4) ? null : Julian(reader.GetDouble(4)),
            }, now).Score;
        }
        GC.KeepAlive(sum);
        return watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> BareSetBasedWriteAsync(string connectionString, int run)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = $"UPDATE CredentialScores SET Score = (rowid + {run + 1}) % 101";
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return watch.Elapsed.TotalSeconds;
    }

    private static DateTime Julian(double day) => DateTime.UnixEpoch.AddDays(day - 2440587.5);

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    internal sealed class Factory(DbContextOptions<NhiPortalDbContext> options) : IDbContextFactory<NhiPortalDbContext>
    {
        public NhiPortalDbContext CreateDbContext() => new(options);
    }
}
