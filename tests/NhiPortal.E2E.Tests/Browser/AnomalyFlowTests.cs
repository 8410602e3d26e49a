using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NhiPortal.Core.Usage;
using NhiPortal.Infrastructure;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Connectors;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Notifications;
using NhiPortal.Infrastructure.Revocation;

namespace NhiPortal.E2E.Tests.Browser;

/// <summary>
/// Usage from two networks a minute apart is ingested through the portal's own ingest service; the running portal's
/// evaluator flags it within seconds; an operator sees the flag on /anomalies with its explanation and acknowledges it.
/// </summary>
[Collection(PortalCollection.Name)]
public class AnomalyFlowTests(PortalHost host, BrowserFixture browser)
{
    [Fact]
    public async Task UseFromTwoNetworks_IsFlaggedWithinSeconds_AndAnOperatorAcknowledgesIt()
    {
        var credential = await IngestTwoNetworksAsync();
        var page = await PortalPage.SignInAsync(browser, host, "operator", "/anomalies");

        var text = await PortalPage.ReloadUntilAsync(page, host, "/anomalies", "anomaly-table", t => t.Contains(credential, StringComparison.Ordinal), seconds: 60);
        Assert.Contains(credential, text, StringComparison.Ordinal);
        var row = page.GetByTestId("anomaly-table").Locator("tr", new() { HasText = credential });
        await Assertions.Expect(row).ToContainTextAsync("Two networks within minutes");
        await Assertions.Expect(row).ToContainTextAsync("198.51.100.0/24");
        await Assertions.Expect(row.GetByTestId("severity-chip")).ToHaveTextAsync("High");
        await PortalPage.ScreenshotAsync(page, "anomalies");

        await row.GetByTestId("anomaly-acknowledge").ClickAsync();
        await PortalPage.Field(page, "reason", "textarea").FillAsync("E2E: planned failover test, CHG-2026-77");
        await page.GetByTestId("reason-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("anomaly-table").Locator("tr", new() { HasText = credential })).ToHaveCountAsync(0);

        await PortalPage.GotoAsync(page, host, "/anomalies?status=Acknowledged");
        var closed = page.GetByTestId("anomaly-table").Locator("tr", new() { HasText = credential });
        await Assertions.Expect(closed).ToContainTextAsync("CHG-2026-77");
        await PortalPage.ScreenshotAsync(page, "anomalies-acknowledged");
        await page.Context.CloseAsync();
    }

    private async Task<string> IngestTwoNetworksAsync()
    {
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={host.DatabasePath}", false);
        var options = DbContextOptionsFactory.Create(settings);
        await using var services = new ServiceCollection().AddLogging()
            .AddDbContextFactory<NhiPortalDbContext>(o => DbContextOptionsFactory.Configure(o, settings)).AddSingleton(TimeProvider.System)
            .AddSingleton<Core.Revocation.IConnectorRegistry>(new ConnectorRegistry([])).AddSingleton(new RevocationOptions()).AddSingleton(new SmtpSettings())
            // The portal's own development key, so the audit rows this writes carry the MAC the portal expects.
            .AddSingleton(AuditChainKeyLoader.Load(new ConfigurationBuilder().Build(), true, PortalHost.WebBin))
            .AddSingleton(new AuditHeadsFile(Path.Combine(Path.GetDirectoryName(host.DatabasePath)!, "audit-heads.jsonl")))
            .AddNhiServices().BuildServiceProvider();
        await using var db = new NhiPortalDbContext(options);
        var credential = await db.Credentials.Where(c => c.State == Core.Credentials.CredentialState.Active && c.IdentityId != null
                && c.Identity!.LifecycleState == Core.Inventory.IdentityLifecycleState.Active && c.Identity.Owner != null)
            .OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).FirstAsync();
        var now = DateTime.UtcNow;
        var result = await services.GetRequiredService<IUsageIngest>().IngestAsync(
        [
            new UsageEvent { CredentialId = credential.Id, TimeUtc = now.AddMinutes(-2), SourceAddress = "10.20.30.40", Target = "orders-db" },
            new UsageEvent { CredentialId = credential.Id, TimeUtc = now.AddMinutes(-1), SourceAddress = "198.51.100.7", Target = "orders-db" },
        ], "e2e connection log");
        Assert.Equal(2, result.Accepted);
        SqliteConnection.ClearAllPools();
        return credential.Name;
    }
}
