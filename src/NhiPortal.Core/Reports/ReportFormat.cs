namespace NhiPortal.Core.Reports;

public enum ReportFormat
{
    Xlsx,
    Csv,
}
