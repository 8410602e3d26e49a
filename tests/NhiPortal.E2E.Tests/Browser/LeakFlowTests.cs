using Microsoft.Playwright;
using NhiPortal.E2E.Tests.Api;

namespace NhiPortal.E2E.Tests.Browser;

/// <summary>A scanner reports two leaks through the API; the operator finds both on /leaks, matched and unmatched.</summary>
[Collection(ApiPortalCollection.Name)]
public class LeakFlowTests(ApiPortalHost host, BrowserFixture browser)
{
    [Fact]
    public async Task LeaksReportedThroughTheApi_AreListed_MatchedToTheirIdentity_OrAsUnmatched()
    {
        using var scanner = await ApiClient.ForAsync(host, "nhi-automation-operator");
        var marker = Guid.NewGuid().ToString("N")[..8];
        using var matched = await scanner.PostAsync("/api/v1/leaks", ApiAuthenticationTests.Json(
            $$"""{"secret":"{{ApiPortalHost.AutomationSecret}}","location":"https://git.example.org/ops/runbooks/commit/{{marker}}","scanner":"gitleaks","externalId":"browser-{{marker}}"}"""));
        using var unmatched = await scanner.PostAsync("/api/v1/leaks", ApiAuthenticationTests.Json(
            $$"""{"secret":"shadow-{{marker}}-value","location":"s3://backups/{{marker}}/env.txt","scanner":"trufflehog"}"""));
        Assert.True(matched.IsSuccessStatusCode && unmatched.IsSuccessStatusCode);

        var page = await PortalPage.SignInAsync(browser, host, "operator", "/leaks");
        await page.GetByTestId("leak-filter-all").ClickAsync();

        var table = page.GetByTestId("leak-table");
        var matchedRow = table.Locator("tr", new() { HasText = $"commit/{marker}" });
        await Assertions.Expect(matchedRow).ToContainTextAsync("nhi-automation-");
        await Assertions.Expect(matchedRow.GetByTestId("leak-revoke")).ToBeVisibleAsync();
        var unmatchedRow = table.Locator("tr", new() { HasText = $"backups/{marker}" });
        await Assertions.Expect(unmatchedRow.GetByTestId("leak-outcome")).ToContainTextAsync("Unmatched");
        // The value itself never reaches the page.
        Assert.DoesNotContain(ApiPortalHost.AutomationSecret, await page.ContentAsync(), StringComparison.Ordinal);
        await PortalPage.ScreenshotAsync(page, "leaks");
        await page.Context.CloseAsync();
    }
}
