using Microsoft.Playwright;

namespace NhiPortal.E2E.Tests.Browser;

/// <summary>An administrator tightens the hygiene policy and sees an identity's grade change on screen.</summary>
[Collection(PortalCollection.Name)]
public class HygieneFlowTests(PortalHost host, BrowserFixture browser)
{
    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    [Fact]
    public async Task ChangingThePolicy_ChangesAGradeOnScreen()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1500, Height = 950 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.BaseUrl + "/identities?grade=A");
        await page.WaitForURLAsync("**/dev-idp/login**");
        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", "demo");
        await page.ClickAsync("#sign-in");
        await page.Locator("[data-circuit=live]").WaitForAsync();

        var first = page.GetByTestId("identity-grid").Locator("tbody tr").First.Locator("a").First;
        await Assertions.Expect(first).ToBeVisibleAsync();
        var name = await first.TextContentAsync();
        await first.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(name!);
        await Assertions.Expect(page.GetByTestId("identity-grade-header")).ToContainTextAsync("A");
        await Assertions.Expect(page.GetByTestId("hygiene-panel")).ToContainTextAsync("Why this grade");
        var detailUrl = page.Url;

        await page.GotoAsync(host.BaseUrl + "/hygiene/policy");
        await page.Locator("[data-circuit=live]").WaitForAsync();
        await Field(page, "window-stale").FillAsync("1");
        await Field(page, "weight-Stale").FillAsync("100");
        await Field(page, "weight-Stale").PressAsync("Tab");
        await Field(page, "policy-note").FillAsync("E2E: anything unused for a day fails");
        await page.GetByTestId("policy-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("policy-history")).ToContainTextAsync("E2E: anything unused for a day fails",
            new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "hygiene-policy.png"), FullPage = true });

        await page.GotoAsync(detailUrl);
        await page.Locator("[data-circuit=live]").WaitForAsync();
        await Assertions.Expect(page.GetByTestId("identity-grade-header")).Not.ToContainTextAsync("A");
        await Assertions.Expect(page.GetByTestId("hygiene-panel")).ToContainTextAsync("policy: 1");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "identity-hygiene.png"), FullPage = true });

        await page.GotoAsync(host.BaseUrl + "/");
        await page.Locator("[data-circuit=live]").WaitForAsync();
        await Assertions.Expect(page.GetByTestId("org-score")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "dashboard-hygiene.png"), FullPage = true });
        await context.CloseAsync();
    }
}
