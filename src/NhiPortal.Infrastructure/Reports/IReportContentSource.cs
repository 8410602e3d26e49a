using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>One report kind: reads what it needs up front on the export's context; its data sheets stream later, each on its own.</summary>
internal interface IReportContentSource
{
    Task<ReportContent> BuildAsync(NhiPortalDbContext db, ReportContext context, CancellationToken ct);

    /// <summary>How many data rows the report's sheets will have, as the database counts them (cheaply, without building a row).</summary>
    Task<long> CountAsync(NhiPortalDbContext db, ReportContext context, CancellationToken ct);
}
