using Microsoft.Playwright;

namespace NhiPortal.E2E.Tests.Browser;

/// <summary>
/// An operator records a database credential by hand, then revokes everything the identity holds with one click:
/// the blast radius, the confirmation, live progress, and a PostgreSQL role that can no longer log in.
/// </summary>
[Collection(PortalCollection.Name)]
public class RevocationFlowTests(PortalHost host, BrowserFixture browser)
{
    [Fact]
    public async Task OneClickRevocation_LocksTheDatabaseRoleOut_AndShowsEachStep()
    {
        var password = await host.Postgres.CreateLoginRoleAsync("e2e_orders_writer");
        Assert.Null(await host.Postgres.TryConnectAsync("e2e_orders_writer", password));
        var page = await PortalPage.SignInAsync(browser, host, "operator", "/identities?environment=Production");

        var first = page.GetByTestId("identity-grid").Locator("tbody tr").Nth(3).Locator("a").First;
        var name = await first.TextContentAsync();
        await first.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(name!);

        // The credential the database role stands for, entered by hand: its store is the configured connector.
        await page.GetByTestId("add-credential").ClickAsync();
        await PortalPage.Field(page, "mc-name").FillAsync("orders-db-writer");
        await PortalPage.Field(page, "mc-purpose").FillAsync("Writes orders into the production database");
        await PortalPage.Field(page, "mc-store").FillAsync(PortalHost.PostgresConnectorName);
        await PortalPage.Field(page, "mc-reference").FillAsync("e2e_orders_writer");
        await PortalPage.Field(page, "mc-fingerprint").FillAsync("5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8");
        await PortalPage.ScreenshotAsync(page, "manual-credential-dialog");
        await page.GetByTestId("mc-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("credential-table")).ToContainTextAsync("orders-db-writer");

        await page.GetByTestId("revoke-all").ClickAsync();
        await Assertions.Expect(page.GetByTestId("blast-radius")).ToContainTextAsync("NOLOGIN");
        await Assertions.Expect(page.GetByTestId("blast-summary")).ToContainTextAsync("Dry run");
        await PortalPage.Field(page, "revoke-reason").FillAsync("INC-2026-1123 orders credentials leaked in a build log");
        if (await page.GetByTestId("include-manual").CountAsync() > 0)
        {
            await PortalPage.Field(page, "include-manual").CheckAsync();
        }
        await PortalPage.Field(page, "disable-identity").CheckAsync();
        await PortalPage.ScreenshotAsync(page, "revoke-blast-radius");
        await page.GetByTestId("revoke-confirm").ClickAsync();

        await page.WaitForURLAsync("**/revocations/**");
        await Assertions.Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Completed", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("run-steps")).ToContainTextAsync("orders-db-writer");
        await Assertions.Expect(page.GetByTestId("run-steps").Locator("tr", new() { HasText = "orders-db-writer" })).ToContainTextAsync("Verified");
        await Assertions.Expect(page.GetByTestId("count-failed")).ToContainTextAsync("0");
        await PortalPage.ScreenshotAsync(page, "revocation-run");

        Assert.NotNull(await host.Postgres.TryConnectAsync("e2e_orders_writer", password));

        await PortalPage.GotoAsync(page, host, "/revocations");
        await Assertions.Expect(page.GetByTestId("runs-table")).ToContainTextAsync("INC-2026-1123");
        await PortalPage.ScreenshotAsync(page, "revocations");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ALeakedToken_IsRevokedAtTheProvider_AndIntrospectionConfirmsIt()
    {
        using var http = new HttpClient();
        var token = await Http.OAuthConnectorTests.TokenAsync(http, host, "demo-reporting-bot", PortalHost.DemoBotSecret);
        Assert.NotNull(token);
        var page = await PortalPage.SignInAsync(browser, host, "operator", "/revocations");

        await page.GetByTestId("leaked-token-button").ClickAsync();
        await PortalPage.Field(page, "leaked-token").FillAsync(token);
        await PortalPage.Field(page, "leaked-reason").FillAsync("INC-2026-1124 token pasted in a public chat");
        await page.GetByTestId("leaked-confirm").ClickAsync();

        await Assertions.Expect(page.GetByTestId("leaked-result")).ToContainTextAsync("Revoked and verified");
        await PortalPage.ScreenshotAsync(page, "leaked-token");
        var connector = new NhiPortal.Infrastructure.Connectors.OAuthConnector("devidp", new Uri(host.BaseUrl + "/"), "nhiportal-connector",
            PortalHost.ConnectorSecret, new Uri(host.BaseUrl + "/"), "nhiportal", http);
        Assert.False(await connector.IsActiveAsync(token, default));
        // The token itself never reaches the audit log: only its short fingerprint does.
        await PortalPage.GotoAsync(page, host, "/audit");
        await Assertions.Expect(page.GetByTestId("audit-table")).ToContainTextAsync("introspection says inactive");
        Assert.DoesNotContain(token[..40], await page.ContentAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AReviewer_SeesNoRevokeButton()
    {
        var page = await PortalPage.SignInAsync(browser, host, "reviewer", "/my-identities");
        var first = page.Locator("a[href^='identities/']").First;
        await first.ClickAsync();
        await Assertions.Expect(page.GetByTestId("credential-table")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("revoke-all").CountAsync());
        await page.Context.CloseAsync();
    }
}
