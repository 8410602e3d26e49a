using System.Diagnostics;
using System.Globalization;

namespace NhiPortal.Benchmarks.Pages;

/// <summary>
/// Every page in the navigation, and the grids' filters, paging and sorting, in headless Chromium against the portal
/// process on a large file: cold start to the first usable page, then each page's p50/p95 from click to settled
/// content, quiet and while a full rescore runs in the same portal. The bare row is a page that reads no
/// data (the import form): the floor of a navigation in a circuit, measured the same way in the same run.
/// </summary>
internal static class PagesBenchmark
{
    // The bare row: a page that reads nothing from the database (the import form), timed the same way.
    private const string Bare = "/import";

    public static async Task RunAsync(string databasePath, int iterations, IReadOnlyCollection<string>? only = null)
    {
        var thousand = await BenchmarkFixtures.EnsureIdentityWithCredentialsAsync(databasePath, 1_000);
        Console.WriteLine($"Database: {databasePath} ({new FileInfo(databasePath).Length / 1024.0 / 1024 / 1024:N1} GiB); identity with 1,000 credentials: {thousand}");
        var pages = new List<string>
        {
            "/", "/identities", "/credentials", "/orphans", "/staff", "/hygiene/policy", "/anomalies", "/my-identities", "/my-reviews",
            "/import", "/audit", "/reviews", "/revocations", "/leaks", "/reports", "/sources", "/background-work", "/administration/sign-in", "/feed",
            "/identities?grade=F", "/identities?orphans=true", "/credentials?expiring=7", "/credentials?shadow=true",
            $"/identities/{thousand}",
        };
        if (only is not null)
        {
            // A look at a few pages (with the SQL log): those, with the bare page to compare against.
            pages = pages.Where(p => p == Bare || only.Any(o => p.StartsWith(o, StringComparison.Ordinal))).ToList();
        }

        var started = Stopwatch.GetTimestamp();
        await using var portal = PortalUnderTest.Start(databasePath);
        await portal.WaitUntilHealthyAsync(TimeSpan.FromMinutes(5));
        var healthy = Stopwatch.GetElapsedTime(started);
        await using var browser = await BrowserSession.OpenAsync();
        await browser.SignInAsync(portal.BaseUrl, "admin");
        await browser.SettledHeadingAsync();
        var usable = Stopwatch.GetElapsedTime(started);
        Console.WriteLine($"Cold start: /health after {healthy.TotalSeconds:N1} s; signed in, dashboard settled after {usable.TotalSeconds:N1} s (target 15 s); portal working set {portal.WorkingSetMiB():N0} MiB");

        // Untimed visit: each page's heading (a full load, so no earlier page's heading is read), and a warm first load.
        var titles = new Dictionary<string, string>();
        foreach (var path in pages)
        {
            var load = Stopwatch.GetTimestamp();
            await browser.GotoAsync(portal.BaseUrl + path);
            titles[path] = await browser.SettledHeadingAsync();
            Console.WriteLine($"  first full load of {path,-50} \"{titles[path]}\" {Stopwatch.GetElapsedTime(load).TotalMilliseconds,8:N0} ms");
        }

        var quiet = await RoundAsync(browser, pages, titles, iterations);
        Print("quiet", quiet);

        // The same round while a full rescore runs in the portal, started from a second signed-in browser.
        await using var operatorBrowser = await BrowserSession.OpenAsync();
        await operatorBrowser.SignInAsync(portal.BaseUrl, "admin", "/hygiene/policy");
        await operatorBrowser.SettledHeadingAsync();
        var rescoreStarted = Stopwatch.GetTimestamp();
        var running = operatorBrowser.Page.Locator("[data-testid=policy-rescore][disabled]");
        // A click on the prerendered button before the circuit is connected does nothing: click until it turns busy.
        for (var attempt = 0; attempt < 10 && await running.CountAsync() == 0; attempt++)
        {
            await operatorBrowser.Page.ClickAsync("[data-testid=policy-rescore]:not([disabled])");
            await Task.Delay(500);
        }
        if (await running.CountAsync() == 0)
        {
            Console.WriteLine("The rescore finished before the first sample: nothing to measure during it at this size.");
        }
        else
        {
            var busy = await RoundAsync(browser, pages, titles, Math.Max(3, iterations / 2), async () => await running.CountAsync() > 0);
            Console.WriteLine($"Rescore started from the browser ran {Stopwatch.GetElapsedTime(rescoreStarted).TotalSeconds:N1} s or more");
            Print("during a full rescore (samples taken while it ran)", busy);
        }
        Console.WriteLine($"Portal working set at the end: {portal.WorkingSetMiB():N0} MiB");
        foreach (var line in portal.SlowestCommands(15))
        {
            Console.WriteLine(line);
        }
    }

    private static async Task<Dictionary<string, List<double>>> RoundAsync(BrowserSession browser, List<string> pages, Dictionary<string, string> titles,
        int iterations, Func<Task<bool>>? stillRunning = null)
    {
        var samples = pages.ToDictionary(p => p, _ => new List<double>());
        samples["/identities: next page"] = [];
        samples["/credentials: next page"] = [];
        samples["/credentials: sort by issued"] = [];
        for (var i = 0; i < iterations; i++)
        {
            if (stillRunning is not null && !await stillRunning())
            {
                break;
            }
            foreach (var path in pages)
            {
                var ms = await browser.NavigateAsync(path, titles[path]);
                if (stillRunning is null || await stillRunning())
                {
                    samples[path].Add(ms);
                }
                if (path is "/identities" or "/credentials")
                {
                    var next = await browser.ClickAsync(".mud-table-pagination-actions button[aria-label=\"Next page\"]", titles[path]);
                    if (stillRunning is null || await stillRunning())
                    {
                        samples[$"{path}: next page"].Add(next);
                    }
                }
                if (path == "/credentials")
                {
                    var sorted = await browser.ClickAsync("sort:Issued", titles[path]);
                    if (stillRunning is null || await stillRunning())
                    {
                        samples["/credentials: sort by issued"].Add(sorted);
                    }
                }
            }
        }
        return samples;
    }

    private static void Print(string heading, Dictionary<string, List<double>> samples)
    {
        Console.WriteLine();
        Console.WriteLine($"Pages, {heading}: click to settled content in the browser, ms");
        Console.WriteLine($"{"page or interaction",-58} {"n",4} {"median",9} {"p95",9} {"vs bare",8}");
        var bare = samples[Bare].Where(s => s >= 0).ToList();
        var bareMedian = bare.Count == 0 ? double.NaN : Timing.Summarise([.. bare]).Median;
        foreach (var (name, list) in samples.OrderBy(s => s.Key == Bare))
        {
            var valid = list.Where(s => s >= 0).ToList();
            if (valid.Count == 0)
            {
                Console.WriteLine($"{name,-58} {0,4} {(list.Count == 0 ? "no sample" : "timeout"),9}");
                continue;
            }
            var (median, p95) = Timing.Summarise(valid);
            var label = name == Bare ? "bare: a page that reads no data (/import)" : name;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label,-58} {valid.Count,4} {median,9:N0} {p95,9:N0} {median / bareMedian,7:N1}x{(list.Count > valid.Count ? $"  ({list.Count - valid.Count} timed out)" : "")}"));
        }
    }
}
