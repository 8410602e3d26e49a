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

    // MudBlazor puts extra attributes on the input itself for some fields and on the wrapper for others.
    public static ILocator Field(IPage page, string testId, string element = "input") =>
        page.Locator($"{element}[data-testid={testId}], [data-testid={testId}] {element}").First;

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"{name}.png"), FullPage = true });
}
