using Microsoft.Playwright;

namespace NhiPortal.E2E.Tests.Browser;

/// <summary>An administrator adds a role map entry in the browser; it is saved as a version that replaces the configuration's.</summary>
[Collection(PortalCollection.Name)]
public class RoleMapFlowTests(PortalHost host, BrowserFixture browser)
{
    [Fact]
    public async Task AnAdministrator_AddsAnEntry_AndTheSavedVersionIsInForce()
    {
        var page = await PortalPage.SignInAsync(browser, host, "admin", "/administration/sign-in");
        await Assertions.Expect(page.GetByTestId("role-map-source")).ToContainTextAsync("configuration's map");
        var rows = page.GetByTestId("role-map-row");
        var before = await rows.CountAsync();

        await page.GetByTestId("role-map-add").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(before + 1);
        await rows.Last.Locator("input[data-testid=role-map-value]").FillAsync("nhi-e2e-owners");
        // An empty note is refused with its reason, and nothing is saved.
        await page.GetByTestId("role-map-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("role-map-error")).ToContainTextAsync("Say why the role map changes");
        await PortalPage.Field(page, "role-map-note", "textarea").FillAsync("Owners sign in through the nhi-e2e-owners group");
        await page.GetByTestId("role-map-save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("role-map-source")).ToContainTextAsync("version 1, saved by Ada Adminson");
        await Assertions.Expect(rows.Last.Locator("input[data-testid=role-map-value]")).ToHaveValueAsync("nhi-e2e-owners");
        await PortalPage.ScreenshotAsync(page, "role-map-saved");
        await page.Context.CloseAsync();
    }
}
