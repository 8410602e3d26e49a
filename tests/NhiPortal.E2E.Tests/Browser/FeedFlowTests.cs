using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using NhiPortal.Tests.Shared;

namespace NhiPortal.E2E.Tests.Browser;

/// <summary>
/// An administrator adds a syslog destination on /feed pointing at a real rsyslogd; the running portal sends it the
/// whole audit log in order, and the background-work page shows it caught up.
/// </summary>
[Collection(ApiPortalCollection.Name)]
public class FeedFlowTests(ApiPortalHost host, BrowserFixture browser)
{
    [Fact]
    public async Task ASyslogDestinationAddedInThePortal_ReceivesTheAuditLog_AndShowsCaughtUp()
    {
        await using var syslog = await RsyslogServer.StartAsync();
        var page = await PortalPage.SignInAsync(browser, host, "admin", "/feed");

        await page.GetByTestId("feed-add").ClickAsync();
        await PortalPage.Field(page, "feed-name").FillAsync("soc-syslog");
        await PortalPage.Field(page, "feed-address").FillAsync(syslog.Address);
        // Plain TCP to the test's receiver; production destinations keep TLS on.
        await PortalPage.Field(page, "feed-tls").UncheckAsync();
        await page.GetByTestId("feed-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("feed-row").Filter(new() { HasText = "soc-syslog" })).ToBeVisibleAsync();

        // Everything written so far, the destination's own creation event included, arrives.
        var latest = await LatestEventIdAsync();
        Assert.True(await syslog.WaitForAsync(s => s.ReceivedEventIds().Contains(latest), TimeSpan.FromSeconds(60)),
            $"event {latest} did not arrive; {syslog.ReceivedEventIds().Count} received");
        var received = syslog.ReceivedEventIds();
        Assert.Equal(received.Distinct().Order().Take(200), received.Take(200));

        var row = await PortalPage.ReloadUntilAsync(page, host, "/background-work", "feed-lag", t => t.Contains("soc-syslog", StringComparison.Ordinal), seconds: 30);
        Assert.Contains("soc-syslog", row, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("feed-lag-row").Filter(new() { HasText = "soc-syslog" }).GetByTestId("feed-lag-events")).ToHaveTextAsync("0 event(s)",
            new() { Timeout = 30_000 });
        await PortalPage.ScreenshotAsync(page, "background-work-feed");
        await PortalPage.GotoAsync(page, host, "/feed");
        await Assertions.Expect(page.GetByTestId("feed-row").Filter(new() { HasText = "soc-syslog" })).ToContainTextAsync(syslog.Address);
        await PortalPage.ScreenshotAsync(page, "feed");
        await page.Context.CloseAsync();
    }

    private async Task<long> LatestEventIdAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={host.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(Id) FROM AuditEvents WHERE Type = 'FeedDestinationChanged'";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
