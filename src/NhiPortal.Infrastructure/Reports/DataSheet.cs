using NhiPortal.Core.Reports;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>A data sheet: typed columns and rows read lazily from the database, never all in memory.</summary>
internal sealed record DataSheet(string Name, IReadOnlyList<ReportColumn> Columns, IAsyncEnumerable<object?[]> Rows);
