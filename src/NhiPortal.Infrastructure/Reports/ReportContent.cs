namespace NhiPortal.Infrastructure.Reports;

/// <summary>What one report kind contributes: its cover title and filters, its summary sheets and its data sheets.</summary>
internal sealed record ReportContent(string Title, IReadOnlyList<CoverLine> Filters, IReadOnlyList<SummarySheet> Summaries, IReadOnlyList<DataSheet> Sheets);
