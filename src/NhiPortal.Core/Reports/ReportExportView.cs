namespace NhiPortal.Core.Reports;

/// <summary>One prepared export as the Reports page lists it.</summary>
public sealed record ReportExportView(
    Guid Id, ReportKind Kind, ReportFormat Format, string Filters, ReportExportState State, long RowsWritten, long? RowsExpected, DateTime RequestedUtc,
    DateTime? CompletedUtc, DateTime? ExpiresUtc, string? FileName, string? DataSha256, string? Error)
{
    /// <summary>Percent written, when the total is known (the bar is indeterminate before).</summary>
    public double? Percent => RowsExpected is > 0 and var total ? Math.Min(100, 100.0 * RowsWritten / total) : null;

    public bool IsFinished => State is ReportExportState.Ready or ReportExportState.Failed or ReportExportState.Expired;
}
