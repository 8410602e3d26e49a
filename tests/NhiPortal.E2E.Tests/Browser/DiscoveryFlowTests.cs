using Microsoft.Playwright;

namespace NhiPortal.E2E.Tests.Browser;

/// <summary>
/// A real directory is read on start-up: its accounts appear as discovered shadow accounts; an operator syncs again
/// from the Sources page and confirms the owner the directory hinted at, on the orphans page.
/// </summary>
[Collection(DiscoveryPortalCollection.Name)]
public class DiscoveryFlowTests(DiscoveryPortalHost host, BrowserFixture browser)
{
    [Fact]
    public async Task TheDirectoryIsRead_SyncNowRunsAgain_AndAnOperatorConfirmsTheHintedOwner()
    {
        var page = await PortalPage.SignInAsync(browser, host, "operator", "/sources");
        await PortalPage.ReloadUntilAsync(page, host, "/sources", "discovery-runs", runs => runs.Contains("Succeeded", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("sources")).ToContainTextAsync(DiscoveryPortalHost.SourceName);
        await Assertions.Expect(page.GetByTestId("discovery-run-row").First).ToContainTextAsync("system:discovery");
        await Assertions.Expect(page.GetByTestId("source-stale")).ToHaveCountAsync(0);

        await page.GetByTestId("sync-now").ClickAsync();
        // The page follows the run by itself (every 5 s): the operator's own run appears without a reload.
        await Assertions.Expect(page.GetByTestId("discovery-run-row").Filter(new() { HasText = "demo-operator" }))
            .ToContainTextAsync("Succeeded", new() { Timeout = 30_000 });
        await PortalPage.ScreenshotAsync(page, "sources");

        await PortalPage.GotoAsync(page, host, "/orphans");
        var panel = page.GetByTestId("discovered-orphans");
        await Assertions.Expect(panel).ToContainTextAsync("svc-e2e-ci");
        var payments = panel.GetByTestId("discovered-orphan-row").Filter(new() { HasText = "svc-e2e-payments" });
        await Assertions.Expect(payments).ToContainTextAsync("Riley Reviewer");
        await PortalPage.ScreenshotAsync(page, "discovered-orphans");
        var identityPath = await payments.Locator("a").First.GetAttributeAsync("href");
        await payments.Locator("input[type=checkbox]").CheckAsync();
        await page.GetByTestId("confirm-owners").ClickAsync();
        await Assertions.Expect(payments).ToHaveCountAsync(0);
        await Assertions.Expect(panel).ToContainTextAsync("svc-e2e-ci");

        await PortalPage.GotoAsync(page, host, "/" + identityPath!.TrimStart('/'));
        await Assertions.Expect(page.GetByTestId("discovered-by")).ToContainTextAsync(DiscoveryPortalHost.SourceName);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Riley Reviewer");
        await PortalPage.ScreenshotAsync(page, "discovered-identity");
        await page.Context.CloseAsync();
    }
}
