namespace NhiPortal.Core.Reports;

public interface IReportService
{
    /// <summary>Writes the report to <paramref name="output"/> (seekable for Excel), audited as an export; who may run which report is in <see cref="ReportCatalog"/>.</summary>
    Task<ReportResult> WriteAsync(ReportRequest request, Stream output, CancellationToken ct = default);
}
