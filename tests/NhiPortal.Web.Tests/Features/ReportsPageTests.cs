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

    public ReportsPageTests() => Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void AnAuditor_GetsADownloadLinkPerReport_WithThePeriodInIt()
    {
        SignInAs("Avery", PortalRole.Auditor);
        Services.AddSingleton<ICurrentUser>(new Caller(PortalRole.Auditor));

        var page = Render<ReportsPage>();

        var xlsx = page.Find("[data-testid=report-credential-hygiene-xlsx]");
        Assert.Equal("reports/credential-hygiene?format=xlsx&from=2026-10-24&to=2026-11-23", xlsx.GetAttribute("href"));
        Assert.NotNull(xlsx.GetAttribute("download"));
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
                Assert.Equal(report.Offers(format), link is not null);
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
        Assert.Empty(page.FindAll("[data-testid=report-credential-hygiene-xlsx]"));
    }
}
