using Microsoft.Playwright;

namespace NhiPortal.E2E.Tests.Browser;

/// <summary>An administrator tightens the hygiene policy and sees an identity's grade change on screen.</summary>
[Collection(PortalCollection.Name)]
public class HygieneFlowTests(PortalHost host, BrowserFixture browser)
{
    [Fact]
    public async Task ChangingThePolicy_ChangesAGradeOnScreen()
    {
        var page = await PortalPage.SignInAsync(browser, host, "admin", "/identities?grade=A");

        var first = page.GetByTestId("identity-grid").Locator("tbody tr").First.Locator("a").First;
        await Assertions.Expect(first).ToBeVisibleAsync();
        var name = await first.TextContentAsync();
        await first.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(name!);
        await Assertions.Expect(page.GetByTestId("identity-grade-header")).ToContainTextAsync("A");
        await Assertions.Expect(page.GetByTestId("hygiene-panel")).ToContainTextAsync("Why this grade");
        var detailUrl = page.Url;

        await PortalPage.GotoAsync(page, host, "/hygiene/policy");
        await PortalPage.Field(page, "window-stale").FillAsync("1");
        await PortalPage.Field(page, "weight-Stale").FillAsync("100");
        await PortalPage.Field(page, "weight-Stale").PressAsync("Tab");
        await PortalPage.Field(page, "policy-note").FillAsync("E2E: anything unused for a day fails");
        await page.GetByTestId("policy-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("policy-history")).ToContainTextAsync("E2E: anything unused for a day fails",
            new() { Timeout = 60_000 });
        await PortalPage.ScreenshotAsync(page, "hygiene-policy");

        await PortalPage.GotoAsync(page, host, new Uri(detailUrl).PathAndQuery);
        await Assertions.Expect(page.GetByTestId("identity-grade-header")).Not.ToContainTextAsync("A");
        await Assertions.Expect(page.GetByTestId("hygiene-panel")).ToContainTextAsync("policy: 1");
        await PortalPage.ScreenshotAsync(page, "identity-hygiene");

        await PortalPage.GotoAsync(page, host, "/");
        await Assertions.Expect(page.GetByTestId("org-score")).ToBeVisibleAsync();
        await PortalPage.ScreenshotAsync(page, "dashboard-hygiene");
        await page.Context.CloseAsync();
    }
}
