using System.Diagnostics;
using System.Globalization;
using NhiPortal.Benchmarks;

// Commands (see README "Benchmarks"):
//   generate  --db <file> [--identities N] [--credentials N] [--staff N] [--teams N] [--audit-per-record]
//   inventory --db <file> [--iterations N]
//   api-list  --db <file> [--iterations N]   (the API's identities list over HTTP vs the grid's service call)
//   rescore   --db <file> [--iterations N (at most 5 runs)]
//   expiry-sweep --db <file>  (on a copy: 500,000 due credentials, bare UPDATE + INSERT vs the portal's sweep, grid p95 meanwhile)
//   revoke-bulk  (a 100,000-credential revocation run through an instant connector)
//   export    (100,000 rows x 12 columns: portal report writer vs bare OpenXmlWriter vs ClosedXML alone)
//   export-hygiene --db <copy of a large file> [--only bare,portal,...]  (the credential hygiene workbook through the portal vs a bare reader + OpenXmlWriter)
//   outbox    (follow-ups through the outbox vs the same work called directly, on the demo organisation)
//   usage-ingest  (1,000,000 events over 10,000 credentials: UsageIngest vs prepared inserts of the aggregated rows)
//   baseline-eval [--credentials N, default 1,000,000]  (one evaluation pass, a changed bucket per credential, vs a bare read + write)
//   revoke    [--iterations N]   (starts a throwaway PostgreSQL cluster; needs the postgresql package)
//   ldap-sync [--accounts N]     (50,000 accounts in a throwaway slapd: bare search + SQLite insert vs the LDAP source vs SourceSync; needs slapd)
//   feed      (the events of a real 100,000-credential revocation run into a throwaway rsyslog vs the same frames straight to a socket; steady-state commit-to-receipt p95; needs rsyslog)
//   pages     --db <file> [--iterations N (at most 20)] [--only /a,/b] (every navigation page in headless Chromium on the portal process; changes
//             the file; --only times those pages and the bare one; NHI_BENCH_PORTAL_LOG=<file> keeps the portal's output)
//   circuits  --db <file> [--circuits N, default 200] [--iterations N interactions] [--path /page, default /identities; interactions need a grid]  (tabs of one Chromium, one circuit each: interaction p95, memory per circuit)
//   campaign  --db <file> [--iterations N]  (start a campaign over every active Staging NHI, a 10,000-item queue, close with 50,000 unanswered; writes)
//   run-page  [--steps N, default 100,000] [--iterations N]  (one pushed update of the run page: summary + a step page, vs the bare SQL)
//   postgres  [--identities N] [--credentials N] [--iterations N] [--no-export]  (a throwaway PostgreSQL cluster: load through the portal's COPY path,
//             then grid, rescore, hygiene export and a 100,000-credential revocation, each beside bare SQL on the same server; needs postgresql)
//   all       [--identities N] [--credentials N] [--iterations N]   (generates artifacts/bench/<size>.db if missing)
var options = Options.Parse(args);
switch (options.Command)
{
    case "generate":
        await Generator.RunAsync(options.Db, options.Size, args.Contains("--audit-per-record"));
        break;
    case "stream":
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var n = 0;
        foreach (var (_, owned) in NhiPortal.Core.Inventory.SyntheticOrganisation.Stream(options.Size, DateTime.UtcNow).Identities)
        {
            n += 1 + owned.Count;
        }
        Console.WriteLine($"Generated {n:N0} records in memory (nothing written) in {sw.Elapsed.TotalSeconds:N1} s");
        break;
    case "inventory":
        await InventoryBenchmark.RunAsync(options.Db, options.Iterations);
        break;
    case "api-list":
        await ApiListBenchmark.RunAsync(options.Db, options.Iterations);
        break;
    case "postgres":
        await PostgresBenchmark.RunAsync(options.Size, options.Iterations, args.Contains("--no-export"));
        break;
    case "rescore":
        await RescoreBenchmark.RunAsync(options.Db, Math.Min(options.Iterations, 5));
        break;
    case "expiry-sweep":
        await ExpirySweepBenchmark.RunAsync(options.Db);
        break;
    case "revoke-bulk":
        await BulkRevokeBenchmark.RunAsync(100_000);
        break;
    case "export":
        await ExportBenchmark.RunAsync();
        break;
    case "export-one":
        await ExportBenchmark.RunOneAsync(args[1]);
        break;
    case "export-hygiene":
        await ExportHygieneBenchmark.RunAsync(options.Db, args.Contains("--only") ? args[Array.IndexOf(args, "--only") + 1].Split(',') : null);
        break;
    case "export-hygiene-one":
        await ExportHygieneBenchmark.RunOneAsync(args[1], options.Db);
        break;
    case "outbox":
        await OutboxBenchmark.RunAsync();
        break;
    case "ldap-sync":
        await LdapSyncBenchmark.RunAsync(args.Contains("--accounts") ? int.Parse(args[Array.IndexOf(args, "--accounts") + 1], CultureInfo.InvariantCulture) : 50_000);
        break;
    case "usage-ingest":
        await UsageBenchmark.IngestAsync(1_000_000, 10_000);
        break;
    case "baseline-eval":
        await UsageBenchmark.EvaluateAsync(Math.Min(options.Size.Credentials, 1_000_000));
        break;
    case "feed":
        await FeedBenchmark.RunAsync();
        break;
    case "pages":
        await NhiPortal.Benchmarks.Pages.PagesBenchmark.RunAsync(options.Db, Math.Min(options.Iterations, 20),
            args.Contains("--only") ? args[Array.IndexOf(args, "--only") + 1].Split(',', StringSplitOptions.RemoveEmptyEntries) : null);
        break;
    case "circuits":
        await NhiPortal.Benchmarks.Pages.CircuitsBenchmark.RunAsync(options.Db,
            args.Contains("--circuits") ? int.Parse(args[Array.IndexOf(args, "--circuits") + 1], CultureInfo.InvariantCulture) : 200, Math.Min(options.Iterations, 400),
            args.Contains("--path") ? args[Array.IndexOf(args, "--path") + 1] : "/identities");
        break;
    case "revoke":
        await RevokeBenchmark.RunAsync(Math.Max(3, Math.Min(options.Iterations, 21)));
        break;
    case "campaign":
        await CampaignBenchmark.RunAsync(options.Db, Math.Min(options.Iterations, 50));
        break;
    case "run-page":
        await RunPageBenchmark.RunAsync(args.Contains("--steps") ? int.Parse(args[Array.IndexOf(args, "--steps") + 1], CultureInfo.InvariantCulture) : 100_000,
            Math.Min(options.Iterations, 50));
        break;
    case "all":
        var db = options.DbOrDefault;
        if (!File.Exists(db))
        {
            await Generator.RunAsync(db, options.Size);
        }
        await InventoryBenchmark.RunAsync(db, options.Iterations);
        await RescoreBenchmark.RunAsync(db, 3);
        break;
    default:
        Console.Error.WriteLine("usage: generate|inventory|all [--db file] [--identities N] [--credentials N] [--iterations N]");
        return 2;
}
return 0;

internal sealed record Options(string Command, string? DbPath, NhiPortal.Core.Inventory.SyntheticOrganisationSize Size, int Iterations)
{
    public string Db => DbPath ?? throw new ArgumentException("--db <file> is required");

    public string DbOrDefault => DbPath ?? Path.Combine(RepositoryRoot(), "artifacts", "bench", $"nhiportal-{Size.Identities}-{Size.Credentials}.db");

    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        int Number(string name, int fallback) => int.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var identities = Number("--identities", 1_000_000);
        return new Options(
            args.FirstOrDefault() ?? "",
            args.Contains("--db") ? Value("--db", "") : null,
            new(Staff: Number("--staff", 2_000), Teams: Number("--teams", 40), Identities: identities,
                Credentials: Number("--credentials", identities * 3)),
            Number("--iterations", 200));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NhiPortal.sln")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}

internal static class Timing
{
    /// <summary>Median and 95th percentile in milliseconds.</summary>
    public static (double Median, double P95) Summarise(List<double> samples)
    {
        samples.Sort();
        return (samples[samples.Count / 2], samples[(int)Math.Min(samples.Count - 1, Math.Ceiling(samples.Count * 0.95) - 1)]);
    }

    public static double Milliseconds(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
}
