using Microsoft.Playwright;

namespace NhiPortal.E2E.Tests.Browser;

/// <summary>
/// A two-stage campaign with two reviewers: the owner keeps an NHI in stage 1; the operator ends the stage; the
/// security reviewer sees the owner's answer in stage 2 and overturns it, and only that last answer is carried out.
/// </summary>
[Collection(ReviewPortalCollection.Name)]
public class TwoStageReviewFlowTests(ReviewPortalHost host, BrowserFixture browser)
{
    private const string Campaign = "E2E two-stage review";

    [Fact]
    public async Task TheOwnerKeeps_TheSecondStageOverturns_AndOnlyTheSecondIsCarriedOut()
    {
        var operatorPage = await PortalPage.SignInAsync(browser, host, "operator", "/reviews");
        await operatorPage.GetByTestId("new-campaign").ClickAsync();
        await PortalPage.Field(operatorPage, "campaign-name").FillAsync(Campaign);
        await PortalPage.PickAsync(operatorPage, "campaign-fallback", "Sam", "Sam Operator");
        await operatorPage.GetByTestId("campaign-stages").ClickAsync();
        await operatorPage.Locator(".mud-popover-open .mud-list-item", new() { HasText = "the owner, then a second reviewer" }).ClickAsync();
        await operatorPage.GetByTestId("stage-2-kind").ClickAsync();
        await operatorPage.Locator(".mud-popover-open .mud-list-item", new() { HasText = "A named reviewer" }).ClickAsync();
        await PortalPage.PickAsync(operatorPage, "stage-2-reviewer", "Ada", "Ada Adminson");
        // A second person in the fallback pool: picked, shown as a chip, the field emptied for the next.
        await PortalPage.PickAsync(operatorPage, "campaign-more-fallbacks", "Ada", "Ada Adminson");
        await Assertions.Expect(operatorPage.GetByTestId("campaign-pool-member")).ToHaveTextAsync("Ada Adminson");
        await Assertions.Expect(PortalPage.Field(operatorPage, "campaign-more-fallbacks")).ToHaveValueAsync("");
        // Risk-based: it recurs at the shortest cadence, each time with the NHIs due.
        await PortalPage.Field(operatorPage, "campaign-risk-based").CheckAsync();
        await PortalPage.ScreenshotAsync(operatorPage, "new-campaign-two-stages");
        await operatorPage.GetByTestId("campaign-start").ClickAsync();
        await operatorPage.WaitForURLAsync("**/reviews/**");
        await Assertions.Expect(operatorPage.GetByTestId("campaign-status")).ToHaveTextAsync("Active");
        await Assertions.Expect(operatorPage.GetByTestId("campaign-stage")).ToHaveTextAsync("Stage 1 of 2");
        await Assertions.Expect(operatorPage.GetByTestId("campaign-escalation")).ToContainTextAsync("at 90%, 93.3%, 96.7% of a stage's window");
        await Assertions.Expect(operatorPage.GetByTestId("campaign-escalation")).ToContainTextAsync("fallback pool: Sam Operator, Ada Adminson.");
        await Assertions.Expect(operatorPage.GetByTestId("campaign-recurrence")).ToContainTextAsync("Risk-based: recurs every 30 days");
        await PortalPage.ScreenshotAsync(operatorPage, "campaign-stage-1");
        var campaignUrl = new Uri(operatorPage.Url).PathAndQuery;

        // Stage 1: the owner keeps one of their NHIs in this campaign.
        var owner = await PortalPage.SignInAsync(browser, host, "reviewer", "/my-reviews");
        var row = owner.GetByTestId("review-queue").Locator("tbody tr", new() { HasText = Campaign }).First;
        await Assertions.Expect(row).ToBeVisibleAsync();
        var identity = (await row.Locator("a").First.InnerTextAsync()).Trim();
        await row.GetByTestId("decide").ClickAsync();
        await PortalPage.Field(owner, "decision-justification", "textarea").FillAsync("Still used by the nightly settlement job");
        await owner.GetByTestId("decision-save").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("decision-dialog")).ToHaveCountAsync(0);
        await owner.Context.CloseAsync();

        // The operator ends stage 1; stage 2's items are frozen in the background.
        await PortalPage.GotoAsync(operatorPage, host, campaignUrl);
        await operatorPage.GetByTestId("close-campaign").ClickAsync();
        await operatorPage.Locator(".mud-dialog button", new() { HasText = "End stage now" }).ClickAsync();
        await Assertions.Expect(operatorPage.GetByTestId("campaign-stage")).ToHaveTextAsync("Stage 2 of 2", new() { Timeout = 60_000 });
        await Assertions.Expect(operatorPage.GetByTestId("campaign-status")).ToHaveTextAsync("Active", new() { Timeout = 60_000 });
        await PortalPage.ScreenshotAsync(operatorPage, "campaign-stage-2");

        // Stage 2: the named reviewer finds that NHI, sees the owner's keep, and overturns it.
        var security = await PortalPage.SignInAsync(browser, host, "admin", "/my-reviews");
        await PortalPage.Field(security, "queue-search").FillAsync(identity);
        var second = security.GetByTestId("review-queue").Locator("tbody tr", new() { HasText = identity }).Filter(new() { HasText = Campaign }).First;
        await Assertions.Expect(second.GetByTestId("queue-stage")).ToContainTextAsync("stage 1 Keep");
        await second.GetByTestId("decide").ClickAsync();
        await Assertions.Expect(security.GetByTestId("earlier-stages")).ToContainTextAsync("Riley Reviewer");
        await Assertions.Expect(security.GetByTestId("earlier-stages")).ToContainTextAsync("Keep");
        await security.Locator("[data-testid=decision-choice] input[type=radio]").Nth(1).CheckAsync();
        await PortalPage.Field(security, "decision-justification", "textarea").FillAsync("Security: the secret was shared in a ticket, revoke it");
        await PortalPage.ScreenshotAsync(security, "decision-second-stage");
        await security.GetByTestId("decision-save").ClickAsync();
        await Assertions.Expect(security.GetByTestId("decision-dialog")).ToHaveCountAsync(0);
        await security.Context.CloseAsync();

        // The overturn is carried out: a revocation run for that decision; then the last stage closes the campaign.
        await PortalPage.ReloadUntilAsync(operatorPage, host, "/revocations", "runs-table", runs => runs.Contains(Campaign, StringComparison.Ordinal));
        await Assertions.Expect(operatorPage.GetByTestId("runs-table")).ToContainTextAsync("RevokeCredentials by Ada Adminson");
        await PortalPage.GotoAsync(operatorPage, host, campaignUrl);
        await Assertions.Expect(operatorPage.GetByTestId("close-campaign")).ToHaveTextAsync("Close now");
        await operatorPage.GetByTestId("close-campaign").ClickAsync();
        await operatorPage.Locator(".mud-dialog button", new() { HasText = "Close now" }).ClickAsync();
        await Assertions.Expect(operatorPage.GetByTestId("campaign-status")).ToHaveTextAsync("Closed");
        await PortalPage.ScreenshotAsync(operatorPage, "campaign-two-stages-closed");
        await operatorPage.Context.CloseAsync();
    }
}
