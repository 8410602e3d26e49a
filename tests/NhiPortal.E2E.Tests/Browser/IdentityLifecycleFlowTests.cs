using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace NhiPortal.E2E.Tests.Browser;

/// <summary>
/// An operator re-enables a disabled identity with a reason, then decommissions it: the warning, the run that revokes
/// what it holds, and an identity page that stays as a record with no way to add or re-enable.
/// </summary>
[Collection(PortalCollection.Name)]
public class IdentityLifecycleFlowTests(PortalHost host, BrowserFixture browser)
{
    [Fact]
    public async Task ReenableThenDecommission_MovesTheIdentityThroughItsLifecycle_InTheBrowser()
    {
        string id;
        await using (var connection = new SqliteConnection($"Data Source={host.DatabasePath};Mode=ReadOnly;Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT Id FROM Identities WHERE LifecycleState = 'Disabled' ORDER BY Name DESC LIMIT 1";
            id = ((string)(await command.ExecuteScalarAsync())!).ToLowerInvariant();
        }
        var page = await PortalPage.SignInAsync(browser, host, "operator", $"/identities/{id}");
        var state = page.GetByTestId("identity-state");
        await Assertions.Expect(state).ToHaveTextAsync("Disabled");

        await page.GetByTestId("reenable-identity").ClickAsync();
        await PortalPage.Field(page, "reenable-reason", "textarea").FillAsync("INC-2026-1202 closed: the key was never used");
        await PortalPage.ScreenshotAsync(page, "identity-reenable-dialog");
        await page.GetByTestId("reenable-confirm").ClickAsync();
        await Assertions.Expect(state).ToHaveTextAsync("Active");
        await Assertions.Expect(page.GetByTestId("disable-identity-button")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("identity-history")).ToContainTextAsync("re-enabled");

        await page.GetByTestId("decommission-identity").ClickAsync();
        await Assertions.Expect(page.GetByTestId("decommission-warning")).ToContainTextAsync("cannot be re-enabled");
        await PortalPage.Field(page, "revoke-reason").FillAsync("CHG-2026-0412 workload retired");
        if (await page.GetByTestId("include-manual").CountAsync() > 0)
        {
            await PortalPage.Field(page, "include-manual").CheckAsync();
        }
        await PortalPage.ScreenshotAsync(page, "identity-decommission-dialog");
        await page.GetByTestId("revoke-confirm").ClickAsync();
        await page.WaitForURLAsync("**/revocations/**");
        await Assertions.Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Completed", new() { Timeout = 30_000 });

        await PortalPage.GotoAsync(page, host, $"/identities/{id}");
        await Assertions.Expect(state).ToHaveTextAsync("Decommissioned");
        Assert.Equal(0, await page.GetByTestId("decommission-identity").CountAsync());
        Assert.Equal(0, await page.GetByTestId("reenable-identity").CountAsync());
        Assert.Equal(0, await page.GetByTestId("add-credential").CountAsync());
        // A closed record: no new owner, no planned end to move.
        Assert.Equal(0, await page.GetByTestId("change-owner").CountAsync());
        Assert.Equal(0, await page.GetByTestId("move-end").CountAsync());
        await Assertions.Expect(page.GetByTestId("identity-history")).ToContainTextAsync("decommissioned");
        await PortalPage.ScreenshotAsync(page, "identity-decommissioned");
        await page.Context.CloseAsync();
    }
}
