using System.Diagnostics;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Hygiene;
using NhiPortal.Infrastructure.Hygiene;
using Npgsql;
using NpgsqlTypes;

namespace NhiPortal.Benchmarks;

/// <summary>
/// A full rescore on PostgreSQL beside the bare limit on the same server: read the scoring columns and score each
/// row, COPY (id, score) into a temporary table and one UPDATE joining it into every row of the narrow score table
/// (with a new value, so the portal's run after it finds every score changed and rewrites them all).
/// </summary>
internal static class PostgresRescoreBenchmark
{
    public static async Task RunAsync(RescoreBenchmark.Factory factory, string connectionString, int runs)
    {
        var rescorer = new HygieneRescorer(factory, TimeProvider.System);
        var first = await rescorer.RescoreAllAsync();
        Console.WriteLine($"Rescore: first run (scores as loaded) {first.Elapsed.TotalSeconds:F2} s for {first.Credentials:N0} credentials");
        var (bare, portal) = (new List<double>(), new List<double>());
        for (var run = 0; run < runs; run++)
        {
            bare.Add(await BareAsync(connectionString, run));
            portal.Add((await rescorer.RescoreAllAsync()).Elapsed.TotalSeconds);
            var phases = RescorePhases.Last;
            Console.WriteLine($"  run {run + 1}: bare {bare[^1]:F2} s; portal {portal[^1]:F2} s (read+score {phases.ReadScoreStage.TotalSeconds:F2}, copy+update {phases.CredentialWrite.TotalSeconds:F2})");
        }
        var neutral = (await rescorer.RescoreAllAsync(forceNeutralPath: true)).Elapsed.TotalSeconds;
        Console.WriteLine($"  bare (read + score, COPY, one UPDATE)   {Median(bare),7:F2} s");
        Console.WriteLine($"  portal full rescore (staged COPY)       {Median(portal),7:F2} s   {Median(portal) / Median(bare),5:F2}x bare");
        Console.WriteLine($"  portal provider-neutral path (once)     {neutral,7:F2} s   {neutral / Median(bare),5:F2}x bare");
    }

    private static async Task<double> BareAsync(string connectionString, int run)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var scorer = new HygieneScorer(HygienePolicy.Default, explain: false);
        var now = DateTime.UtcNow;
        var scores = new List<(Guid, int)>();
        await using (var read = new NpgsqlCommand("""
            SELECT "Id", "Kind", "IssuedUtc", "ExpiresUtc", "LastRotatedUtc", "LastUsedUtc" FROM "Credentials" WHERE "State" = 'Active'
            """, connection))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var score = scorer.ScoreCredential(new CredentialFacts
                {
                    Kind = Enum.Parse<CredentialKind>(reader.GetString(1)),
                    Environment = null,
                    IssuedUtc = reader.GetDateTime(2),
                    ExpiresUtc = reader.IsDBNull(3) ? null : reader.GetDateTime(3),
                    LastRotatedUtc = reader.IsDBNull(4) ? null : reader.GetDateTime(4),
                    LastUsedUtc = reader.IsDBNull(5) ? null : reader.GetDateTime(5),
                }, now).Score;
                scores.Add((reader.GetGuid(0), (score + run + 1) % 101));
            }
        }
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE bare_scores (id uuid NOT NULL, value integer NOT NULL) ON COMMIT DROP", connection, transaction))
        {
            await create.ExecuteNonQueryAsync();
        }
        await using (var importer = await connection.BeginBinaryImportAsync("COPY bare_scores (id, value) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (id, value) in scores)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(id, NpgsqlDbType.Uuid);
                await importer.WriteAsync(value, NpgsqlDbType.Integer);
            }
            await importer.CompleteAsync();
        }
        await using (var update = new NpgsqlCommand("""
            ANALYZE bare_scores;
            UPDATE "CredentialScores" s SET "Score" = t.value FROM bare_scores t WHERE s."CredentialId" = t.id
            """, connection, transaction))
        {
            await update.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return watch.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
