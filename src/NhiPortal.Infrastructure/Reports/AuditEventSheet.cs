using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Reports;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>Audit events as report rows: the same columns in the ownership report and the audit extract.</summary>
internal static class AuditEventSheet
{
    public static ReportColumn[] Columns() =>
    [
        new("Event", ColumnType.Integer, 9), new("Time (UTC)", ColumnType.DateTime, 19), new("Stream", ColumnType.Text, 10), new("Type", ColumnType.Text, 22),
        new("Actor", ColumnType.Text, 22), new("Target type", ColumnType.Text, 14), new("Target", ColumnType.Text, 38), new("Summary", ColumnType.Text, 70),
        new("Before", ColumnType.Text, 40), new("After", ColumnType.Text, 40), new("Correlation", ColumnType.Text, 30),
    ];

    public static object?[] Row(AuditEvent e) =>
        [e.Id, e.OccurredUtc, e.Stream.ToString(), e.Type, e.Actor, e.TargetType, e.TargetId, e.Summary, e.BeforeJson, e.AfterJson, e.CorrelationId];

    public static async IAsyncEnumerable<object?[]> RowsAsync(IDbContextFactory<NhiPortalDbContext> dbFactory, Expression<Func<AuditEvent, bool>> filter,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await foreach (var e in db.AuditEvents.AsNoTracking().Where(filter).OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return Row(e);
        }
    }
}
