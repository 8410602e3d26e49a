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

        // An identity with live credentials: the stale factor can only move the grade of one that has some.
        var withCredentials = page.GetByTestId("identity-grid").Locator("tbody tr")
            .Filter(new() { Has = page.Locator("[data-testid=active-credentials]:not(:text-is('0'))") });
        var first = withCredentials.First.Locator("a").First;
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
        // Identities whose credentials are all fresh dynamic ones are caught by the attestation factor instead.
        await PortalPage.Field(page, "weight-AttestationOverdue").FillAsync("100");
        await PortalPage.Field(page, "weight-AttestationOverdue").PressAsync("Tab");
        await PortalPage.Field(page, "policy-note").FillAsync("E2E: anything unused for a day fails");
        await page.GetByTestId("policy-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("policy-history")).ToContainTextAsync("E2E: anything unused for a day fails",
            new() { Timeout = 60_000 });
        await PortalPage.ScreenshotAsync(page, "hygiene-policy");

        // The rescore follows the saved policy through the outbox, within seconds: reload as a person would.
        await PortalPage.ReloadUntilAsync(page, host, new Uri(detailUrl).PathAndQuery, "identity-grade-header", grade => !grade.Contains('A', StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("identity-grade-header")).Not.ToContainTextAsync("A");
        await Assertions.Expect(page.GetByTestId("hygiene-panel")).ToContainTextAsync("−100");
        await PortalPage.ScreenshotAsync(page, "identity-hygiene");

        await PortalPage.GotoAsync(page, host, "/");
        await Assertions.Expect(page.GetByTestId("org-score")).ToBeVisibleAsync();
        await PortalPage.ScreenshotAsync(page, "dashboard-hygiene");
        await page.Context.CloseAsync();
    }
}
