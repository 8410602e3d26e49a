using Microsoft.Playwright;

namespace NhiPortal.E2E.Tests.Browser;

/// <summary>What every browser test does: sign in through the development IdP, navigate, find fields, save screenshots.</summary>
internal static class PortalPage
{
    /// <summary>A fresh browser context (no cookies), signed in as a demo account, on <paramref name="path"/> with the circuit attached.</summary>
    public static async Task<IPage> SignInAsync(BrowserFixture browser, PortalHost host, string account, string path = "/")
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1500, Height = 950 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.BaseUrl + path);
        await page.WaitForURLAsync("**/dev-idp/login**");
        await page.FillAsync("#userName", account);
        await page.FillAsync("#password", "demo");
        await page.ClickAsync("#sign-in");
        await page.Locator("[data-circuit=live]").WaitForAsync();
        return page;
    }

    // A full page load shows the prerendered page first; typing into it before the circuit attaches is lost.
    public static async Task GotoAsync(IPage page, PortalHost host, string path)
    {
        await page.GotoAsync(host.BaseUrl + path);
        await page.Locator("[data-circuit=live]").WaitForAsync();
    }

    /// <summary>
    /// Opens <paramref name="path"/> again, once a second, until <paramref name="testId"/>'s text satisfies
    /// <paramref name="done"/> or <paramref name="seconds"/> pass: for what the portal finishes in the background (a
    /// follow-up through the outbox), as a person would press reload. Returns the last text seen.
    /// </summary>
    public static async Task<string?> ReloadUntilAsync(IPage page, PortalHost host, string path, string testId, Func<string, bool> done, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            await GotoAsync(page, host, path);
            await page.GetByTestId(testId).WaitForAsync();
            var text = await page.GetByTestId(testId).TextContentAsync() ?? "";
            if (done(text) || DateTime.UtcNow >= deadline)
            {
                return text;
            }
            await Task.Delay(1_000);
        }
    }

    // MudBlazor puts extra attributes on the input itself for some fields and on the wrapper for others.
    public static ILocator Field(IPage page, string testId, string element = "input") =>
        page.Locator($"{element}[data-testid={testId}], [data-testid={testId}] {element}").First;

    /// <summary>
    /// Picks <paramref name="option"/> in a MudAutocomplete by typing <paramref name="text"/>. On a busy, just-started
    /// portal the first search can arrive before the component listens; typing again is what a person would do.
    /// </summary>
    public static async Task PickAsync(IPage page, string testId, string text, string option)
    {
        var field = Field(page, testId);
        var item = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First;
        for (var attempt = 1; ; attempt++)
        {
            await field.ClickAsync();
            await field.FillAsync("");
            await field.PressSequentiallyAsync(text, new() { Delay = 40 });
            try
            {
                await item.WaitForAsync(new() { Timeout = 10_000 });
                await item.ClickAsync();
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                await page.Keyboard.PressAsync("Escape");
            }
        }
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"{name}.png"), FullPage = true });
}
