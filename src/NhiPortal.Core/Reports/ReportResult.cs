namespace NhiPortal.Core.Reports;

/// <summary>A written report: where it is, what it is called, and what its cover says.</summary>
public sealed record ReportResult(string FileName, string ContentType, IReadOnlyDictionary<string, long> RowCounts, string DataSha256);
