using Microsoft.Playwright;

namespace NhiPortal.E2E.Tests.Browser;

/// <summary>
/// An operator starts a campaign; a reviewer signs in and decides some items (one kept, one revoked); the campaign
/// closes, and what nobody answered is revoked per its policy.
/// </summary>
[Collection(ReviewPortalCollection.Name)]
public class ReviewFlowTests(ReviewPortalHost host, BrowserFixture browser)
{
    [Fact]
    public async Task AReviewerDecides_AndTheCampaignClosesWithTheUnansweredRemediated()
    {
        var operatorPage = await PortalPage.SignInAsync(browser, host, "operator", "/reviews");
        await operatorPage.GetByTestId("new-campaign").ClickAsync();
        await PortalPage.Field(operatorPage, "campaign-name").FillAsync("E2E quarterly review");
        await PortalPage.PickAsync(operatorPage, "campaign-fallback", "Sam", "Sam Operator");
        await operatorPage.GetByTestId("campaign-unanswered").ClickAsync();
        await operatorPage.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Revoke its credentials" }).ClickAsync();
        await PortalPage.ScreenshotAsync(operatorPage, "new-campaign");
        await operatorPage.GetByTestId("campaign-start").ClickAsync();
        await operatorPage.WaitForURLAsync("**/reviews/**");
        await Assertions.Expect(operatorPage.GetByTestId("campaign-status")).ToHaveTextAsync("Active");
        var campaignUrl = new Uri(operatorPage.Url).PathAndQuery;

        var reviewer = await PortalPage.SignInAsync(browser, host, "reviewer", "/my-reviews");
        var queue = reviewer.GetByTestId("review-queue");
        // The queue loads its first page after the table renders; the total is the "waiting" figure, not the rows of one page.
        // Rows of this campaign only: another test's campaign may be open on the same portal.
        var rows = queue.Locator("tbody tr", new() { HasText = "E2E quarterly review" });
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        var waiting = reviewer.GetByTestId("count-waiting").Locator("p");
        var before = int.Parse((await waiting.InnerTextAsync()).Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(before >= 2);
        await PortalPage.ScreenshotAsync(reviewer, "my-reviews");

        // Keep the first (a high-risk one needs a justification, so give one either way).
        await rows.First.GetByTestId("decide").ClickAsync();
        await Assertions.Expect(reviewer.GetByTestId("decision-evidence")).ToBeVisibleAsync();
        await PortalPage.Field(reviewer, "decision-justification", "textarea").FillAsync("Still used by the nightly settlement job");
        await PortalPage.ScreenshotAsync(reviewer, "decision-dialog");
        await reviewer.GetByTestId("decision-save").ClickAsync();
        await Assertions.Expect(waiting).ToHaveTextAsync((before - 1).ToString("N0", System.Globalization.CultureInfo.InvariantCulture));

        // Revoke the next one.
        await rows.First.GetByTestId("decide").ClickAsync();
        await reviewer.Locator("[data-testid=decision-choice] input[type=radio]").Nth(1).CheckAsync();
        await PortalPage.Field(reviewer, "decision-justification", "textarea").FillAsync("Not used since the migration");
        await reviewer.GetByTestId("decision-save").ClickAsync();
        await Assertions.Expect(waiting).ToHaveTextAsync((before - 2).ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        await reviewer.Context.CloseAsync();

        await PortalPage.GotoAsync(operatorPage, host, campaignUrl);
        await Assertions.Expect(operatorPage.GetByTestId("progress-decided")).ToContainTextAsync("2");
        // Separation of duties (required in appsettings.json) gave the critical NHIs a second stage: end the owners' stage, then close.
        await operatorPage.GetByTestId("close-campaign").ClickAsync();
        await operatorPage.Locator(".mud-dialog button", new() { HasText = "End stage now" }).ClickAsync();
        await Assertions.Expect(operatorPage.GetByTestId("campaign-stage")).ToHaveTextAsync("Stage 2 of 2", new() { Timeout = 60_000 });
        await Assertions.Expect(operatorPage.GetByTestId("close-campaign")).ToHaveTextAsync("Close now", new() { Timeout = 60_000 });
        await operatorPage.GetByTestId("close-campaign").ClickAsync();
        await operatorPage.Locator(".mud-dialog button", new() { HasText = "Close now" }).ClickAsync();
        await Assertions.Expect(operatorPage.GetByTestId("campaign-status")).ToHaveTextAsync("Closed");

        // The unanswered items' credentials are revoked in the background; the review job records the outcome.
        Assert.True(await CountAsync(operatorPage, "progress-no-response") > 0);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        var remediated = 0;
        while (remediated == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(2_000);
            await PortalPage.GotoAsync(operatorPage, host, campaignUrl);
            remediated = await CountAsync(operatorPage, "progress-remediated");
        }
        await PortalPage.ScreenshotAsync(operatorPage, "campaign-closed");
        Assert.True(remediated > 0, "no unanswered item was remediated within 90 s");

        // The close's remediation run is started by the outbox within a second or two: reload until it is listed.
        await PortalPage.ReloadUntilAsync(operatorPage, host, "/revocations", "runs-table", runs => runs.Contains("no answer by", StringComparison.Ordinal));
        await Assertions.Expect(operatorPage.GetByTestId("runs-table")).ToContainTextAsync("no answer by");

        // The follow-ups that carried the decisions and the close out are done, and the jobs say when they last ran.
        await PortalPage.ReloadUntilAsync(operatorPage, host, "/background-work", "followup-kinds", kinds => kinds.Contains("reviews.remediate", StringComparison.Ordinal));
        await Assertions.Expect(operatorPage.GetByTestId("followup-kinds")).ToContainTextAsync("reviews.remediate");
        await Assertions.Expect(operatorPage.GetByTestId("jobs")).ToContainTextAsync("outbox");
        await PortalPage.ScreenshotAsync(operatorPage, "background-work");
        await operatorPage.Context.CloseAsync();
    }

    private static async Task<int> CountAsync(IPage page, string testId) =>
        int.Parse((await page.GetByTestId(testId).Locator("p").InnerTextAsync()).Replace(",", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
