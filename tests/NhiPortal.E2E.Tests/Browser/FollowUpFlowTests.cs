using Microsoft.Playwright;

namespace NhiPortal.E2E.Tests.Browser;

/// <summary>
/// A campaign under "flag for follow-up" ends its owners' stage with NHIs unanswered: each becomes a follow-up for its
/// owner, who finds it on Review follow-ups and closes it as done.
/// </summary>
[Collection(ReviewPortalCollection.Name)]
public class FollowUpFlowTests(ReviewPortalHost host, BrowserFixture browser)
{
    private const string Campaign = "E2E follow-up review";

    [Fact]
    public async Task UnansweredNhis_BecomeTheOwnersFollowUps_AndTheOwnerClosesOneAsDone()
    {
        var operatorPage = await PortalPage.SignInAsync(browser, host, "operator", "/reviews");
        await operatorPage.GetByTestId("new-campaign").ClickAsync();
        await PortalPage.Field(operatorPage, "campaign-name").FillAsync(Campaign);
        await PortalPage.PickAsync(operatorPage, "campaign-fallback", "Sam", "Sam Operator");
        await operatorPage.GetByTestId("campaign-start").ClickAsync();
        await operatorPage.WaitForURLAsync("**/reviews/**");
        await Assertions.Expect(operatorPage.GetByTestId("campaign-status")).ToHaveTextAsync("Active");
        var campaignUrl = new Uri(operatorPage.Url).PathAndQuery;
        await operatorPage.GetByTestId("close-campaign").ClickAsync();
        await operatorPage.Locator(".mud-dialog button", new() { HasText = "End stage now" }).ClickAsync();
        await Assertions.Expect(operatorPage.GetByTestId("campaign-stage")).ToHaveTextAsync("Stage 2 of 2", new() { Timeout = 60_000 });

        var owner = await PortalPage.SignInAsync(browser, host, "reviewer", "/follow-ups");
        await owner.GetByTestId("follow-ups-mine").ClickAsync();
        // Other tests' campaigns leave follow-ups on the same portal: find this campaign's.
        await PortalPage.Field(owner, "follow-ups-search").FillAsync(Campaign);
        var rows = owner.GetByTestId("follow-ups-table").Locator("tbody tr", new() { HasText = Campaign });
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        await Assertions.Expect(rows.First).ToContainTextAsync("Unanswered");
        await Assertions.Expect(rows.First).ToContainTextAsync("Riley Reviewer");
        await PortalPage.ScreenshotAsync(owner, "follow-ups");
        var identity = (await rows.First.Locator("a").First.InnerTextAsync()).Trim();
        await rows.First.GetByTestId("follow-up-close").ClickAsync();
        await PortalPage.Field(owner, "follow-up-resolution", "textarea").FillAsync("Still used by billing; owner confirmed on CHG-2291");
        await owner.GetByTestId("follow-up-save").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("close-follow-up-dialog")).ToHaveCountAsync(0);

        await owner.GetByTestId("follow-ups-state").Locator(".mud-chip", new() { HasText = "Done" }).ClickAsync();
        var done = owner.GetByTestId("follow-ups-table").Locator("tbody tr", new() { HasText = identity });
        await Assertions.Expect(done.GetByTestId("follow-up-state")).ToHaveTextAsync("Done");
        await Assertions.Expect(done).ToContainTextAsync("CHG-2291");
        await owner.Context.CloseAsync();

        await PortalPage.GotoAsync(operatorPage, host, campaignUrl);
        await operatorPage.GetByTestId("close-campaign").ClickAsync();
        await operatorPage.Locator(".mud-dialog button", new() { HasText = "Close now" }).ClickAsync();
        await Assertions.Expect(operatorPage.GetByTestId("campaign-status")).ToHaveTextAsync("Closed");
        await operatorPage.Context.CloseAsync();
    }
}
