using NhiPortal.Core.Reports;
using NhiPortal.Web.Features.Reports;

namespace NhiPortal.Web.Tests.Features;

public class ReportEndpointsTests
{
    public static TheoryData<ReportKind, ReportFormat> EveryReportAndFormat()
    {
        var data = new TheoryData<ReportKind, ReportFormat>();
        foreach (var kind in Enum.GetValues<ReportKind>())
        {
            foreach (var format in Enum.GetValues<ReportFormat>())
            {
                data.Add(kind, format);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryReportAndFormat))]
    public void TryParse_AFormat_IsAcceptedExactlyWhenTheCatalogListsIt(ReportKind kind, ReportFormat format)
    {
        var report = ReportCatalog.For(kind);

        var accepted = ReportEndpoints.TryParse(report.Slug, ReportCatalog.Slug(format), "2026-10-01", "2026-10-31", null,
            report.ForCampaign ? Guid.NewGuid().ToString() : null, out var request, out var problem);

        Assert.Equal(report.Offers(format), accepted);
        if (accepted)
        {
            Assert.Equal((kind, format), (request!.Kind, request.Format));
        }
        else
        {
            Assert.Contains(ReportCatalog.Label(format), problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TryParse_AnUnknownReport_IsRefused_NamingEveryReportInTheCatalog()
    {
        var accepted = ReportEndpoints.TryParse("payroll", null, null, null, null, null, out _, out var problem);

        Assert.False(accepted);
        Assert.All(ReportCatalog.All, r => Assert.Contains(r.Slug, problem, StringComparison.Ordinal));
    }

    [Fact]
    public void TryParse_ACampaignReportWithoutItsCampaign_IsRefused()
    {
        var report = Assert.Single(ReportCatalog.All, r => r.ForCampaign);

        Assert.False(ReportEndpoints.TryParse(report.Slug, null, null, null, null, null, out _, out var problem));
        Assert.Equal("Choose the campaign.", problem);
    }
}
