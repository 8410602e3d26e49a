using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NhiPortal.Core.Access;
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
    public void AReviewer_IsToldTheseReportsAreOrganisationWide()
    {
        SignInAs("Riley", PortalRole.Reviewer);
        Services.AddSingleton<ICurrentUser>(new Caller(PortalRole.Reviewer));

        var page = Render<ReportsPage>();

        Assert.Contains("span the whole organisation", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=report-credential-hygiene-xlsx]"));
    }
}
