using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NhiPortal.Core.Access;
using NhiPortal.Core.Reports;
using NhiPortal.Web.Features.Reports;

namespace NhiPortal.Web.Tests.Features;

public class ReportsPageTests : NhiBunitContext
{
    private sealed class Caller(PortalRole role) : ICurrentUser
    {
        public Task<PortalUser> GetAsync() => Task.FromResult(new PortalUser("s", "S", null, new HashSet<PortalRole> { role }));
    }

    private readonly FakeReportExports _exports = new();

    public ReportsPageTests()
    {
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)));
        Services.AddSingleton<IReportExports>(_exports);
    }

    [Fact]
    public void AnAuditor_GetsADownloadLinkPerReport_WithThePeriodInIt_ButOnlyPrepareForTheCredentialWorkbook()
    {
        SignInAs("Avery", PortalRole.Auditor);
        Services.AddSingleton<ICurrentUser>(new Caller(PortalRole.Auditor));

        var page = Render<ReportsPage>();

        var xlsx = page.Find("[data-testid=report-ownership-xlsx]");
        Assert.Equal("reports/ownership?format=xlsx&from=2026-10-24&to=2026-11-23", xlsx.GetAttribute("href"));
        Assert.NotNull(xlsx.GetAttribute("download"));
        Assert.Empty(page.FindAll("[data-testid=report-credential-hygiene-xlsx]"));
        Assert.NotNull(page.Find("[data-testid=report-credential-hygiene-xlsx-prepare]"));
        Assert.Equal("reports/audit-extract?format=csv&from=2026-10-24&to=2026-11-23", page.Find("[data-testid=report-audit-extract-csv]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=report-ownership-csv]"));
    }

    [Fact]
    public void AnAuditor_GetsACardPerPeriodReportInTheCatalog_WithALinkForEachFormatItOffers()
    {
        SignInAs("Avery", PortalRole.Auditor);
        Services.AddSingleton<ICurrentUser>(new Caller(PortalRole.Auditor));

        var page = Render<ReportsPage>();

        var periodReports = ReportCatalog.All.Where(r => !r.ForCampaign).ToList();
        Assert.NotEmpty(periodReports);
        Assert.Equal(periodReports.Select(r => $"report-{r.Slug}"),
            page.FindAll("[data-testid^=report-]").Select(e => e.GetAttribute("data-testid")!).Where(id => periodReports.Any(r => id == $"report-{r.Slug}")));
        foreach (var report in periodReports)
        {
            var card = page.Find($"[data-testid=report-{report.Slug}]");
            Assert.Equal(report.Name, card.QuerySelector("h2")!.TextContent);
            Assert.Contains(report.Description, card.TextContent, StringComparison.Ordinal);
            foreach (var format in Enum.GetValues<ReportFormat>())
            {
                var link = card.QuerySelector($"[data-testid=report-{report.Slug}-{ReportCatalog.Slug(format)}]");
                Assert.Equal(report.Offers(format) && !report.AlwaysPrepared, link is not null);
                Assert.Equal(report.Offers(format), card.QuerySelector($"[data-testid=report-{report.Slug}-{ReportCatalog.Slug(format)}-prepare]") is not null);
                if (link is not null)
                {
                    Assert.StartsWith($"reports/{report.Slug}?format={ReportCatalog.Slug(format)}&", link.GetAttribute("href"), StringComparison.Ordinal);
                }
            }
        }
        // A campaign's report is offered on its campaign's page, not here.
        Assert.All(ReportCatalog.All.Where(r => r.ForCampaign), r => Assert.Empty(page.FindAll($"[data-testid=report-{r.Slug}]")));
    }

    [Fact]
    public void AReviewer_IsToldTheseReportsAreOrganisationWide()
    {
        SignInAs("Riley", PortalRole.Reviewer);
        Services.AddSingleton<ICurrentUser>(new Caller(PortalRole.Reviewer));

        var page = Render<ReportsPage>();

        Assert.Contains("span the whole organisation", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=report-credential-hygiene-xlsx-prepare]"));
    }

    [Fact]
    public async Task Prepare_QueuesTheReportWithThePeriod_AndListsItWithAProgressBar()
    {
        SignInAs("Avery", PortalRole.Auditor);
        Services.AddSingleton<ICurrentUser>(new Caller(PortalRole.Auditor));
        var page = Render<ReportsPage>();
        Assert.Contains("Nothing prepared yet", page.Find("[data-testid=report-exports]").TextContent, StringComparison.Ordinal);

        await page.Find("[data-testid=report-credential-hygiene-csv-prepare]").ClickAsync(new());

        var request = Assert.Single(_exports.Requests);
        Assert.Equal(new ReportRequest(ReportKind.CredentialHygiene, ReportFormat.Csv, new DateTime(2026, 10, 24, 0, 0, 0, DateTimeKind.Utc),
            new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc)), request);
        page.WaitForAssertion(() => Assert.Equal("Queued", page.Find("[data-testid=report-export-state]").TextContent.Trim()));
        Assert.NotNull(page.Find("[data-testid=report-export-progress]"));
        Assert.Empty(page.FindAll("[data-testid=report-export-download]"));
    }

    [Fact]
    public void TheList_ShowsProgress_ADownloadWhenReady_AndTheReasonOfAFailure()
    {
        SignInAs("Avery", PortalRole.Auditor);
        Services.AddSingleton<ICurrentUser>(new Caller(PortalRole.Auditor));
        var ready = FakeReportExports.View(ReportExportState.Ready, 3_000_001, 3_000_001) with { DataSha256 = new string('a', 64), FileName = "x.xlsx" };
        _exports.Listed.AddRange([
            FakeReportExports.View(ReportExportState.Running, 250, 1_000),
            ready,
            FakeReportExports.View(ReportExportState.Failed, 0, null) with { Error = "Campaign 42 was not found." },
        ]);

        var page = Render<ReportsPage>();

        var rows = page.FindAll("[data-testid^=report-export-]").Where(e => e.TagName == "TR").ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains("250 of 1,000 rows", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("25", rows[0].QuerySelector("[role=progressbar]")?.GetAttribute("aria-valuenow"));
        Assert.Equal($"reports/exports/{ready.Id:D}", rows[1].QuerySelector("[data-testid=report-export-download]")!.GetAttribute("href"));
        Assert.Empty(rows[0].QuerySelectorAll("[data-testid=report-export-download]"));
        Assert.Equal("Campaign 42 was not found.", rows[2].QuerySelector("[data-testid=report-export-error]")!.TextContent);
    }
}
