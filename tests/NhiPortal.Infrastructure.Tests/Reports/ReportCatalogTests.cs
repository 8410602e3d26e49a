using ClosedXML.Excel;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Reports;

namespace NhiPortal.Infrastructure.Tests.Reports;

/// <summary>The catalog names every report kind once, and the report service follows what it says.</summary>
public class ReportCatalogTests(SeededDatabaseFixture fixture) : IClassFixture<SeededDatabaseFixture>
{
    private IReportService Service(string subject, PortalRole role) => ReportServices.As(fixture.Database, subject, role);

    [Fact]
    public void EveryReportKind_HasExactlyOneEntry_WithItsOwnSlug()
    {
        var kinds = Enum.GetValues<ReportKind>();

        Assert.Equal(kinds.Order(), ReportCatalog.All.Select(r => r.Kind).Order());
        Assert.All(kinds, k => Assert.Equal(k, ReportCatalog.For(k).Kind));
        Assert.Equal(ReportCatalog.All.Count, ReportCatalog.All.Select(r => r.Slug).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(ReportCatalog.All, r => Assert.Same(r, ReportCatalog.FindBySlug(r.Slug.ToUpperInvariant())));
        Assert.All(ReportCatalog.All, r => Assert.NotEmpty(r.Formats));
        Assert.All(Enum.GetValues<ReportFormat>(), f => Assert.Equal(f, ReportCatalog.FindFormat(ReportCatalog.Slug(f))));
    }

    public static TheoryData<ReportKind, ReportFormat> PeriodReportsAndFormats()
    {
        var data = new TheoryData<ReportKind, ReportFormat>();
        foreach (var report in ReportCatalog.All.Where(r => !r.ForCampaign))
        {
            foreach (var format in Enum.GetValues<ReportFormat>())
            {
                data.Add(report.Kind, format);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PeriodReportsAndFormats))]
    public async Task WriteAsync_WritesTheFormatsTheCatalogLists_NamedAndTitledAsItSays(ReportKind kind, ReportFormat format)
    {
        var report = ReportCatalog.For(kind);
        var request = new ReportRequest(kind, format, TestDatabase.Now.UtcDateTime.AddDays(-1), TestDatabase.Now.UtcDateTime);
        var stream = new MemoryStream();

        if (!report.Offers(format))
        {
            await Assert.ThrowsAsync<ValidationException>(() => Service("demo-auditor", PortalRole.Auditor).WriteAsync(request, stream));
            return;
        }
        var result = await Service("demo-auditor", PortalRole.Auditor).WriteAsync(request, stream);

        Assert.StartsWith($"nhiportal-{report.Slug}-", result.FileName, StringComparison.Ordinal);
        Assert.EndsWith($".{ReportCatalog.Slug(format)}", result.FileName, StringComparison.Ordinal);
        if (format == ReportFormat.Xlsx)
        {
            stream.Position = 0;
            using var workbook = new XLWorkbook(stream);
            Assert.Equal(report.Title, workbook.Worksheet("Cover").RowsUsed().Single(r => r.Cell(1).GetString() == "Report").Cell(2).GetString());
        }
    }

    [Fact]
    public async Task WriteAsync_AReportNeedingTheWholeExportScope_IsRefusedToAReviewer()
    {
        var organisationWide = ReportCatalog.All.Where(r => r.ExportScope == AccessScope.Everything).ToList();
        Assert.NotEmpty(organisationWide);

        foreach (var report in organisationWide)
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service("demo-reviewer", PortalRole.Reviewer).WriteAsync(new ReportRequest(report.Kind), new MemoryStream()));
        }
    }
}
