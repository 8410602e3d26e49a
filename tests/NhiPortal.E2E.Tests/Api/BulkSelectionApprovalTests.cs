using Microsoft.Playwright;
using NhiPortal.E2E.Tests.Browser;

namespace NhiPortal.E2E.Tests.Api;

/// <summary>
/// An operator ticks more credentials than the four-eyes threshold on the Credentials page: the dialog says a second
/// person must approve, the request waits on Approvals, and another person's rejection leaves every credential as it was.
/// </summary>
[Collection(ApiPortalCollection.Name)]
public class BulkSelectionApprovalTests(ApiPortalHost host, BrowserFixture browser)
{
    private const string Reason = "INC-5150 stale keys ticked by hand";

    [Fact]
    public async Task ASelectionAboveTheThreshold_GoesForApproval_AndARejectionRevokesNothing()
    {
        var runsBefore = await host.CountAsync("SELECT COUNT(*) FROM RevocationRuns");
        var page = await PortalPage.SignInAsync(browser, host, "operator", "/credentials");
        var boxes = page.GetByTestId("credentials-grid").Locator("tbody tr input[type=checkbox]");
        await Assertions.Expect(boxes.First).ToBeVisibleAsync();
        for (var i = 0; i < 4; i++)
        {
            await boxes.Nth(i).CheckAsync();
        }
        await Assertions.Expect(page.GetByTestId("revoke-selected")).ToHaveTextAsync("Revoke 4 selected");
        await page.GetByTestId("revoke-selected").ClickAsync();
        await Assertions.Expect(page.GetByTestId("blast-summary")).ToContainTextAsync("Dry run");
        await PortalPage.Field(page, "revoke-reason").FillAsync(Reason);
        await Assertions.Expect(page.GetByTestId("revoke-needs-approval")).ToContainTextAsync("a second person approves it");
        if (await page.GetByTestId("include-manual").CountAsync() > 0)
        {
            await PortalPage.Field(page, "include-manual").CheckAsync();
        }
        await PortalPage.ScreenshotAsync(page, "credentials-bulk-revoke-for-approval");
        await page.GetByTestId("revoke-confirm").ClickAsync();
        await page.WaitForURLAsync("**/approvals");
        var row = page.GetByTestId("approvals-table").Locator("tbody tr", new() { HasText = "INC-5150" });
        await Assertions.Expect(row.GetByTestId("approval-state")).ToHaveTextAsync("Pending");
        await Assertions.Expect(row.GetByTestId("approve")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();

        var second = await PortalPage.SignInAsync(browser, host, "admin", "/approvals");
        var pending = second.GetByTestId("approvals-table").Locator("tbody tr", new() { HasText = "INC-5150" });
        await pending.GetByTestId("reject").ClickAsync();
        await PortalPage.Field(second, "approval-note", "textarea").FillAsync("Two of these keys are still in use by the batch hosts");
        await second.GetByTestId("approval-save").ClickAsync();
        await Assertions.Expect(pending.GetByTestId("approval-state")).ToHaveTextAsync("Rejected");
        await second.Context.CloseAsync();

        Assert.Equal(runsBefore, await host.CountAsync("SELECT COUNT(*) FROM RevocationRuns"));
        Assert.Equal(1, await host.CountAsync("SELECT COUNT(*) FROM ApprovalRequests WHERE Summary LIKE 'Revoke 4 credentials: INC-5150%' AND State = 'Rejected'"));
    }
}
