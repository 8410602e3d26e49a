using Microsoft.Playwright;

namespace NhiPortal.E2E.Tests.Browser;

/// <summary>An operator creates a team with a lead, gives it a new name, then dissolves it, on the teams page.</summary>
[Collection(PortalCollection.Name)]
public class TeamsFlowTests(PortalHost host, BrowserFixture browser)
{
    [Fact]
    public async Task ATeam_IsCreatedWithALead_Renamed_AndDissolved_InTheBrowser()
    {
        var page = await PortalPage.SignInAsync(browser, host, "operator", "/teams");
        var table = page.GetByTestId("teams-table");
        await Assertions.Expect(table.Locator("tbody tr").First).ToBeVisibleAsync();

        await page.GetByTestId("new-team").ClickAsync();
        await PortalPage.Field(page, "team-name").FillAsync("E2E Identity Platform");
        await PortalPage.PickAsync(page, "team-lead-picker", "Sam", "Sam Operator");
        await page.GetByTestId("team-save").ClickAsync();
        var row = table.Locator("tbody tr", new() { HasText = "E2E Identity Platform" });
        await Assertions.Expect(row).ToContainTextAsync("Sam Operator");
        await Assertions.Expect(row).ToContainTextAsync("Active");

        await row.GetByTestId("team-rename").ClickAsync();
        await PortalPage.Field(page, "team-name").FillAsync("E2E Workload Identity");
        await page.GetByTestId("team-save").ClickAsync();
        row = table.Locator("tbody tr", new() { HasText = "E2E Workload Identity" });
        await Assertions.Expect(row).ToContainTextAsync("Sam Operator");
        await PortalPage.ScreenshotAsync(page, "teams");

        await row.GetByTestId("team-dissolve").ClickAsync();
        await PortalPage.Field(page, "team-reason", "textarea").FillAsync("ORG-2026-12 the team was folded into Platform");
        await PortalPage.ScreenshotAsync(page, "team-dissolve-dialog");
        await page.GetByTestId("team-save").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Dissolved");
        Assert.Equal(0, await row.GetByTestId("team-dissolve").CountAsync());
        await page.Context.CloseAsync();
    }
}
