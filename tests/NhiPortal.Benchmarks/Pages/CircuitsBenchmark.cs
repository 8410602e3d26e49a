using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace NhiPortal.Benchmarks.Pages;

/// <summary>
/// Many people at once on one instance: tabs of one headless Chromium, each its own Blazor circuit on the identities
/// grid, opened in batches; then interactions spread over all of them (grid paging, a search typed into the filter) timed
/// in the browser, and the portal's memory per circuit (its resident set before and after, divided by the circuits).
/// </summary>
internal static class CircuitsBenchmark
{
    public static async Task RunAsync(string databasePath, int circuits, int interactions, string path = "/identities")
    {
        await using var portal = PortalUnderTest.Start(databasePath);
        await portal.WaitUntilHealthyAsync(TimeSpan.FromMinutes(5));
        await using var browser = await BrowserSession.OpenAsync();
        await browser.SignInAsync(portal.BaseUrl, "admin", path);
        var title = await browser.SettledHeadingAsync();
        // Settle the portal's own caches and JIT before the baseline (on a page with a grid).
        const string NextPage = ".mud-table-pagination-actions button[aria-label=\"Next page\"]";
        var hasGrid = await browser.Page.Locator(NextPage).CountAsync() > 0;
        for (var i = 0; i < 3 && hasGrid; i++)
        {
            await browser.ClickAsync(".mud-table-pagination-actions button[aria-label=\"Next page\"]", title);
        }
        await Task.Delay(2_000);
        var before = portal.WorkingSetMiB();
        Console.WriteLine($"Portal resident set with one circuit: {before:N0} MiB");

        var tabs = new List<IPage>();
        var opened = Stopwatch.GetTimestamp();
        const int Batch = 20;
        while (tabs.Count < circuits)
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, Math.Min(Batch, circuits - tabs.Count)).Select(_ => browser.OpenTabAsync(portal.BaseUrl + path)));
            tabs.AddRange(batch);
            Console.WriteLine($"  {tabs.Count,4} circuits open after {Stopwatch.GetElapsedTime(opened).TotalSeconds,6:N1} s; portal {portal.WorkingSetMiB(),6:N0} MiB");
        }
        await Task.Delay(5_000);
        var after = portal.WorkingSetMiB();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{circuits} circuits: portal resident set {before:N0} -> {after:N0} MiB, {(after - before) / circuits:N2} MiB per circuit (target 2 MiB)"));

        var random = new Random(7);
        var paging = new List<double>();
        var dialogs = new List<double>();
        for (var i = 0; i < (hasGrid ? interactions : 0); i++)
        {
            var tab = tabs[random.Next(tabs.Count)];
            // A hidden tab gets no animation frames (and throttled timers): the person is looking at this one.
            await tab.BringToFrontAsync();
            paging.Add(await BrowserSession.ClickOnAsync(tab, ".mud-table-pagination-actions button[aria-label=\"Next page\"]", title));
            if (paging[^1] is < 0 or > 1_000)
            {
                Console.WriteLine($"  interaction {i + 1}: next page {(paging[^1] < 0 ? "timed out (60 s)" : $"{paging[^1]:N0} ms")}");
            }
            // A search typed into the grid's filter: a round trip through the debounce, the query and the render.
            var opening = Stopwatch.GetTimestamp();
            await tab.Locator("[data-testid=filter-search] input, input[data-testid=filter-search]").First.FillAsync($"svc-{random.Next(10):D1}");
            await tab.WaitForFunctionAsync("() => !document.querySelector('.mud-table-loading, .mud-progress-linear-indeterminate')");
            dialogs.Add(Stopwatch.GetElapsedTime(opening).TotalMilliseconds);
        }
        if (hasGrid && interactions > 0)
        {
            Report("grid next page (click to settled rows)", paging);
            Report("filter typed (fill to settled rows, includes the 400 ms debounce)", dialogs);
        }
        Console.WriteLine($"Portal resident set at the end: {portal.WorkingSetMiB():N0} MiB");
    }

    private static void Report(string name, List<double> samples)
    {
        var valid = samples.Where(s => s >= 0).ToList();
        var (median, p95) = Timing.Summarise(valid);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-70} n={valid.Count,4} median {median,7:N0} ms  p95 {p95,7:N0} ms{(valid.Count < samples.Count ? $"  ({samples.Count - valid.Count} timed out)" : "")}"));
    }
}
