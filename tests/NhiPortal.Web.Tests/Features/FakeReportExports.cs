using NhiPortal.Core.Reports;

namespace NhiPortal.Web.Tests.Features;

/// <summary>Records what the page asks for and lists what a test puts in; a request is listed as queued.</summary>
internal sealed class FakeReportExports : IReportExports
{
    public List<ReportRequest> Requests { get; } = [];

    public List<ReportExportView> Listed { get; } = [];

    public static ReportExportView View(ReportExportState state, long rows, long? expected) =>
        new(Guid.NewGuid(), ReportKind.CredentialHygiene, ReportFormat.Xlsx, "all", state, rows, expected, new DateTime(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc),
            null, null, null, null, null);

    public Task<ReportExportView> RequestAsync(ReportRequest request, CancellationToken ct = default)
    {
        Requests.Add(request);
        var view = View(ReportExportState.Queued, 0, null) with { Kind = request.Kind, Format = request.Format };
        Listed.Insert(0, view);
        return Task.FromResult(view);
    }

    public Task<IReadOnlyList<ReportExportView>> ListMineAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<ReportExportView>>(Listed.ToList());

    public Task<ReportDownload> OpenAsync(Guid id, CancellationToken ct = default) => throw new NotSupportedException();
}
