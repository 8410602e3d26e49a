namespace NhiPortal.Core.Reports;

public sealed record ReportColumn(string Header, ColumnType Type, double Width = 16);
