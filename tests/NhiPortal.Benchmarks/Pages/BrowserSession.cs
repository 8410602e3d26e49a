using Microsoft.Playwright;

namespace NhiPortal.Benchmarks.Pages;

/// <summary>
/// Debian's Chromium (headless) signed in to the portal through the development IdP, timing in the browser itself:
/// from the navigation or click to the moment the page shows its content with no loading indicator left, held for
/// 150 ms (so a grid that starts loading just after its first paint is not taken as done).
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    private const string Busy = ".mud-progress-linear-indeterminate, .mud-table-loading, .mud-skeleton";

    // Runs in the page: starts the clock, performs the action, then polls each animation frame until `ready` holds
    // for 150 ms; answers the milliseconds to the start of that stable stretch (-1 after 60 s).
    private const string Measure = """
        async ([action, target, title, before]) => {
          const busy = () => document.querySelector('BUSY');
          const heading = () => [...document.querySelectorAll('h1')].some(h => h.textContent.trim() === title);
          const firstRow = () => document.querySelector('.mud-table-body tr')?.textContent ?? '';
          const ready = () => !busy() && heading() && (action !== 'navigate' || (location.pathname + location.search) === target)
            && (before === null || firstRow() !== before);
          const start = performance.now();
          if (action === 'navigate') { Blazor.navigateTo(target); }
          else {
            const el = target.startsWith('sort:')
              ? [...document.querySelectorAll('.mud-table-sort-label')].find(l => l.textContent.trim() === target.slice(5))
              : document.querySelector(target);
            if (!el) { return -2; }
            el.click();
          }
          let since = null;
          for (;;) {
            await new Promise(r => requestAnimationFrame(r));
            const now = performance.now();
            if (ready()) { since ??= now; if (now - since >= 150) { return since - start; } } else { since = null; }
            if (now - start > 60000) { return -1; }
          }
        }
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>Another tab in the same signed-in browser context: a circuit of its own on <paramref name="url"/>.</summary>
    public async Task<IPage> OpenTabAsync(string url)
    {
        var page = await Page.Context.NewPageAsync();
        await page.GotoAsync(url, new PageGotoOptions { Timeout = 180_000 });
        await page.Locator("[data-circuit=live]").WaitForAsync(new LocatorWaitForOptions { Timeout = 180_000 });
        return page;
    }

    /// <summary><see cref="ClickAsync"/> on another tab.</summary>
    public static async Task<double> ClickOnAsync(IPage page, string selector, string title)
    {
        var before = await page.EvaluateAsync<string>("() => document.querySelector('.mud-table-body tr')?.textContent ?? ''");
        return await page.EvaluateAsync<double>(Measure.Replace("BUSY", Busy, StringComparison.Ordinal), new object?[] { "click", selector, title, before });
    }

    public static async Task<BrowserSession> OpenAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1500, Height = 950 } });
        return new BrowserSession(playwright, browser, await context.NewPageAsync());
    }

    /// <summary>Opens <paramref name="path"/>, signs in as a demo account and waits for the live circuit.</summary>
    public async Task SignInAsync(string baseUrl, string account, string path = "/")
    {
        await Page.GotoAsync(baseUrl + path, new PageGotoOptions { Timeout = 120_000 });
        await Page.WaitForURLAsync("**/dev-idp/login**");
        await Page.FillAsync("#userName", account);
        await Page.FillAsync("#password", "demo");
        await Page.ClickAsync("#sign-in");
        await Page.Locator("[data-circuit=live]").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
    }

    /// <summary>A full page load (a new circuit), waiting for the circuit to be live.</summary>
    public async Task GotoAsync(string url)
    {
        await Page.GotoAsync(url, new PageGotoOptions { Timeout = 180_000 });
        await Page.Locator("[data-circuit=live]").WaitForAsync(new LocatorWaitForOptions { Timeout = 180_000 });
    }

    /// <summary>Waits (untimed) until the current page has settled and answers its heading.</summary>
    public async Task<string> SettledHeadingAsync()
    {
        await Page.WaitForFunctionAsync($"() => !document.querySelector('{Busy}') && document.querySelector('h1')", null,
            new PageWaitForFunctionOptions { Timeout = 120_000 });
        await Task.Delay(300);
        await Page.WaitForFunctionAsync($"() => !document.querySelector('{Busy}')", null, new PageWaitForFunctionOptions { Timeout = 120_000 });
        return (await Page.Locator("h1").First.TextContentAsync())?.Trim() ?? "";
    }

    /// <summary>Client-side navigation inside the circuit (what a click in the navigation does), timed to a settled page.</summary>
    public Task<double> NavigateAsync(string path, string title) =>
        Page.EvaluateAsync<double>(Measure.Replace("BUSY", Busy, StringComparison.Ordinal), new object?[] { "navigate", path, title, null });

    /// <summary>
    /// A click on <paramref name="selector"/> (paging, sorting), timed until the grid's first row has changed and
    /// settled; fails with the grid's markup when there is nothing to click.
    /// </summary>
    public async Task<double> ClickAsync(string selector, string title)
    {
        var before = await Page.EvaluateAsync<string>("() => document.querySelector('.mud-table-body tr')?.textContent ?? ''");
        var ms = await Page.EvaluateAsync<double>(Measure.Replace("BUSY", Busy, StringComparison.Ordinal), new object?[] { "click", selector, title, before });
        if (ms == -2)
        {
            var markup = await Page.EvaluateAsync<string>("() => document.querySelector('.mud-table-pagination')?.outerHTML ?? document.body.innerHTML.slice(0, 3000)");
            throw new InvalidOperationException($"Nothing matches {selector} on \"{title}\":\n{markup}");
        }
        return ms;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
