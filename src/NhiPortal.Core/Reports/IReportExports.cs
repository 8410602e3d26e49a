namespace NhiPortal.Core.Reports;

/// <summary>Reports prepared by the export job: ask for one, follow the caller's own, download a ready one.</summary>
public interface IReportExports
{
    /// <summary>Queues the report for the job, after the same checks as a download (role, catalog, validation).</summary>
    Task<ReportExportView> RequestAsync(ReportRequest request, CancellationToken ct = default);

    /// <summary>The caller's exports, newest first.</summary>
    Task<IReadOnlyList<ReportExportView>> ListMineAsync(CancellationToken ct = default);

    /// <summary>
    /// A ready export's file, for its requester or anyone who may export the whole organisation's reports; checked again
    /// against the catalog now, not only when it was asked for.
    /// </summary>
    Task<ReportDownload> OpenAsync(Guid id, CancellationToken ct = default);
}
