using System.Text;
using Microsoft.Playwright;

namespace NhiPortal.E2E.Tests.Browser;

/// <summary>Import a file, find the orphan it creates, give it an owner, and watch it leave the orphans view.</summary>
[Collection(PortalCollection.Name)]
public class InventoryFlowTests(PortalHost host, BrowserFixture browser)
{
    [Fact]
    public async Task ImportThenAssignOwner_TheOrphanLeavesTheOrphansView()
    {
        var page = await PortalPage.SignInAsync(browser, host, "operator", "/import");
        var csv = "ExternalId,Name,Kind,Purpose,Environment,SourceSystem,OwnerEmail,Team\n" +
                  "e2e-1,zz-e2e-orphan-bot,Bot,Posts release notes,Production,github,,Payments\n" +
                  "e2e-2,zz-e2e-bad,Robot,Bad kind,Production,github,nobody@example.org,\n";

        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "discovered.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await Assertions.Expect(page.GetByTestId("preview-create")).ToContainTextAsync("1 to create");
        await Assertions.Expect(page.GetByTestId("import-errors")).ToContainTextAsync("'Robot' is not one of");
        await Assertions.Expect(page.GetByTestId("import-errors")).ToContainTextAsync("Unknown owner 'nobody@example.org'");
        await PortalPage.ScreenshotAsync(page, "import-preview");
        await page.GetByTestId("import-apply").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-result")).ToContainTextAsync("1 created");

        await PortalPage.GotoAsync(page, host, "/orphans");
        var search = PortalPage.Field(page, "filter-search", "input");
        await search.FillAsync("zz-e2e");
        await search.PressAsync("Enter");
        var grid = page.GetByTestId("identity-grid");
        await Assertions.Expect(grid).ToContainTextAsync("zz-e2e-orphan-bot");
        await Assertions.Expect(grid).ToContainTextAsync("No owner");
        await PortalPage.ScreenshotAsync(page, "orphans");

        await grid.GetByText("zz-e2e-orphan-bot").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("zz-e2e-orphan-bot");
        await Assertions.Expect(page.GetByTestId("identity-history")).ToContainTextAsync("IdentityImported");
        await page.GetByTestId("change-owner").ClickAsync();
        await PortalPage.PickAsync(page, "owner-picker", "Sam", "Sam Operator");
        await PortalPage.Field(page, "owner-reason", "textarea").FillAsync("Release tooling belongs to the operator on call");
        await page.GetByTestId("owner-save").ClickAsync();
        // The import's full rescore runs in the background now; on SQLite this save waits for its write to finish.
        await Assertions.Expect(page.GetByTestId("owner-name")).ToContainTextAsync("Sam Operator", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("orphan-badge")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("identity-history")).ToContainTextAsync("owner assigned: Sam Operator");
        await PortalPage.ScreenshotAsync(page, "identity-detail");

        await PortalPage.GotoAsync(page, host, "/orphans");
        search = PortalPage.Field(page, "filter-search", "input");
        await search.FillAsync("zz-e2e");
        await search.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("identity-grid")).ToContainTextAsync("No identities match");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Inventory_IdentitiesAndCredentialsPages_ShowTheDemoOrganisation()
    {
        var page = await PortalPage.SignInAsync(browser, host, "auditor", "/identities");
        await Assertions.Expect(page.GetByTestId("identity-count")).ToContainTextAsync("identities");
        await Assertions.Expect(page.GetByTestId("identity-grid").Locator("tbody tr")).ToHaveCountAsync(25);
        await PortalPage.ScreenshotAsync(page, "identities");

        await PortalPage.GotoAsync(page, host, "/credentials?shadow=true");
        await Assertions.Expect(page.GetByTestId("credentials-grid")).ToContainTextAsync("shadow: no identity");
        await PortalPage.ScreenshotAsync(page, "credentials-shadow");
        await page.Context.CloseAsync();
    }
}
