using Microsoft.Playwright;

namespace NhiPortal.E2E.Tests.Browser;

/// <summary>
/// An owner asks for a new NHI in the browser; they cannot approve it themselves; an operator approves it, which creates
/// the identity with its planned end; the operator then moves that end from the identity's page.
/// </summary>
[Collection(PortalCollection.Name)]
public class RequestFlowTests(PortalHost host, BrowserFixture browser)
{
    private const string Name = "svc-e2e-requested-export";

    [Fact]
    public async Task AnOwnerAsks_AnOperatorApproves_AndTheIdentityExistsWithItsPlannedEnd()
    {
        var owner = await PortalPage.SignInAsync(browser, host, "reviewer", "/requests");
        await owner.GetByTestId("request-identity").ClickAsync();
        await PortalPage.Field(owner, "request-name").FillAsync(Name);
        await PortalPage.Field(owner, "request-purpose", "textarea").FillAsync("Exports the quarterly ledger to the auditors' share");
        await PortalPage.PickAsync(owner, "request-owner", "Riley", "Riley Reviewer");
        await PortalPage.ScreenshotAsync(owner, "request-identity-dialog");
        await owner.GetByTestId("request-identity-save").ClickAsync();
        var row = owner.GetByTestId("requests-table").Locator("tr", new() { HasText = Name });
        await Assertions.Expect(row.GetByTestId("request-state")).ToHaveTextAsync("Pending");
        // Whoever asked never approves: no button here, and the service refuses it anyway.
        Assert.Equal(0, await row.GetByTestId("request-approve").CountAsync());
        await PortalPage.ScreenshotAsync(owner, "requests-pending");
        await owner.Context.CloseAsync();

        var approver = await PortalPage.SignInAsync(browser, host, "operator", "/requests");
        var pending = approver.GetByTestId("requests-table").Locator("tr", new() { HasText = Name });
        await pending.GetByTestId("request-approve").ClickAsync();
        await PortalPage.Field(approver, "request-note", "textarea").FillAsync("Agreed with the finance lead; ends with the audit");
        await approver.GetByTestId("request-save").ClickAsync();
        await Assertions.Expect(pending.GetByTestId("request-state")).ToHaveTextAsync("Approved");
        var ends = (await pending.Locator("td").Nth(3).InnerTextAsync()).Trim();
        await PortalPage.ScreenshotAsync(approver, "requests-approved");

        await pending.GetByTestId("request-identity-link").ClickAsync();
        await approver.WaitForURLAsync("**/identities/**");
        await Assertions.Expect(approver.GetByTestId("planned-end")).ToHaveTextAsync(ends);
        await Assertions.Expect(approver.GetByTestId("owner-name")).ToContainTextAsync("Riley Reviewer");
        await Assertions.Expect(approver.GetByTestId("identity-history")).ToContainTextAsync("created from Riley Reviewer's request");

        var moved = DateOnly.Parse(ends, System.Globalization.CultureInfo.InvariantCulture).AddDays(-30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await approver.GetByTestId("move-end").ClickAsync();
        var date = PortalPage.Field(approver, "end-date");
        await date.FillAsync(moved);
        await date.PressAsync("Tab");
        await PortalPage.Field(approver, "end-date-reason", "textarea").FillAsync("The audit closes a month earlier");
        await approver.GetByTestId("end-date-save").ClickAsync();
        await Assertions.Expect(approver.GetByTestId("planned-end")).ToHaveTextAsync(moved);
        await Assertions.Expect(approver.GetByTestId("identity-history")).ToContainTextAsync($"to {moved}");
        await PortalPage.ScreenshotAsync(approver, "identity-planned-end");
        await approver.Context.CloseAsync();
    }
}
