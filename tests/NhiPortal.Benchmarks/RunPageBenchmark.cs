using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Access;

namespace NhiPortal.Benchmarks;

/// <summary>
/// What one pushed update of the run page costs at 100,000 steps: the run's summary (its counts kept on the run row)
/// and one page of 50 steps (first, and deep by keyset), through the portal's queries, beside the bare SQL of the
/// aggregate over the steps and the same page.
/// </summary>
internal static class RunPageBenchmark
{
    public static async Task RunAsync(int steps, int iterations)
    {
        await using var portal = await BenchmarkPortal.CreateAsync("run-page");
        var connectionString = $"Data Source={Path.Combine(portal.Directory, "portal.db")}";
        var runId = Guid.NewGuid();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var watch = Stopwatch.StartNew();
        Seed(connection, runId, steps);
        Console.WriteLine($"Run of {steps:N0} steps written in {watch.Elapsed.TotalSeconds:N1} s (60% verified, 30% pending, 10% failed)");
        using var scope = portal.Services.CreateScope();
        var runs = ActivatorUtilities.CreateInstance<Infrastructure.Revocation.RevocationRunQueries>(scope.ServiceProvider,
            new InventoryBenchmark.FixedUser(new PortalUser("bench-admin", "Benchmark", null, new HashSet<PortalRole> { PortalRole.Administrator })));
        var deep = steps * 9 / 10;
        var key = runId.ToString("D").ToUpperInvariant();
        Console.WriteLine($"{iterations} timed runs after 5 warm-up runs; median (p95) ms per update");
        await Report("summary + first page of 50", iterations, async () =>
        {
            var summary = await runs.GetSummaryAsync(runId);
            var page = await runs.GetStepsAsync(runId, null, 50);
            return summary.TotalSteps + page.Rows.Count;
        }, () => Bare(connection, key, 0));
        await Report($"summary + page after step {deep:N0} (keyset)", iterations, async () =>
        {
            var summary = await runs.GetSummaryAsync(runId);
            var page = await runs.GetStepsAsync(runId, deep, 50);
            return summary.TotalSteps + page.Rows.Count;
        }, () => Bare(connection, key, deep));
    }

    private static void Seed(SqliteConnection connection, Guid runId, int steps)
    {
        using var command = connection.CreateCommand();
        // The steps point at credentials only by id; the foreign key is not what this measures.
        command.CommandText = $"""
            PRAGMA foreign_keys = OFF;
            BEGIN;
            INSERT INTO RevocationRuns (Id, Reason, RequestedBy, RequestedByName, RequestedUtc, StartedUtc, Status, DisableIdentity, Executions)
            VALUES ($run, 'INC-1 bench', 'bench', 'Benchmark', '2026-12-01 12:00:00', '2026-12-01 12:00:01', 'Running', 0, 1);
            WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < {steps})
            INSERT INTO RevocationSteps (RunId, CredentialId, CredentialName, Connector, Status, Attempts, Detail, DurationMs)
            SELECT $run, upper(hex(randomblob(16))), printf('cred-%06d', x), 'instant',
                   CASE WHEN x % 10 < 6 THEN 'Verified' WHEN x % 10 < 9 THEN 'Pending' ELSE 'Failed' END, 1, 'ok', 3 FROM n;
            -- The counts the run starter and the outcome writer keep on the run row, as they would stand.
            UPDATE RevocationRuns SET
                StepsVerified = (SELECT COUNT(*) FROM RevocationSteps WHERE RunId = $run AND Status = 'Verified'),
                StepsPending = (SELECT COUNT(*) FROM RevocationSteps WHERE RunId = $run AND Status = 'Pending'),
                StepsFailed = (SELECT COUNT(*) FROM RevocationSteps WHERE RunId = $run AND Status = 'Failed')
            WHERE Id = $run;
            COMMIT;
            PRAGMA foreign_keys = ON;
            """;
        command.Parameters.AddWithValue("$run", runId.ToString("D").ToUpperInvariant());
        command.ExecuteNonQuery();
    }

    private static int Bare(SqliteConnection connection, string run, long after)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT * FROM RevocationRuns WHERE Id = $run;
            SELECT Status, COUNT(*) FROM RevocationSteps WHERE RunId = $run GROUP BY Status;
            SELECT COUNT(*) FROM RevocationSteps WHERE RunId = $run;
            SELECT Id, CredentialId, CredentialName, Connector, Status, Attempts, Detail, RevokedUtc, VerifiedUtc, DurationMs
            FROM RevocationSteps WHERE RunId = $run AND Id > $after ORDER BY Id LIMIT 50;
            """;
        command.Parameters.AddWithValue("$run", run);
        command.Parameters.AddWithValue("$after", after);
        using var reader = command.ExecuteReader();
        var rows = 0;
        do
        {
            while (reader.Read())
            {
                rows++;
            }
        }
        while (reader.NextResult());
        return rows;
    }

    private static async Task Report(string name, int iterations, Func<Task<int>> portal, Func<int> bare)
    {
        var (mine, theirs) = (new List<double>(), new List<double>());
        for (var run = -5; run < iterations; run++)
        {
            var start = Stopwatch.GetTimestamp();
            bare();
            var bareMs = Timing.Milliseconds(start);
            start = Stopwatch.GetTimestamp();
            await portal();
            var portalMs = Timing.Milliseconds(start);
            if (run >= 0)
            {
                theirs.Add(bareMs);
                mine.Add(portalMs);
            }
        }
        var (bm, bp) = Timing.Summarise(theirs);
        var (pm, pp) = Timing.Summarise(mine);
        Console.WriteLine($"  {name,-40} bare {bm,7:N2} ({bp:N2})   portal {pm,7:N2} ({pp:N2})   {pm / Math.Max(bm, 0.001),5:N2}x");
    }
}
