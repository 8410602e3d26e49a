using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Reports;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>The period's events (of one stream or all) with their chain positions; the chain verified and its heads on the cover.</summary>
internal sealed class AuditExtractReport(IDbContextFactory<NhiPortalDbContext> dbFactory, AuditChainSealer sealer, AuditChainVerifier verifier) : IReportContentSource
{
    private static readonly ReportColumn[] Columns =
        [.. AuditEventSheet.Columns(), new ReportColumn("Chain position", ColumnType.Integer, 10), new ReportColumn("Event hash", ColumnType.Text, 66)];

    public async Task<ReportContent> BuildAsync(NhiPortalDbContext db, ReportContext context, CancellationToken ct)
    {
        await sealer.SealAsync(ct);
        var verification = await verifier.VerifyAsync(ct);
        var stream = context.Request.Stream;
        return new ReportContent(ReportCatalog.AuditExtract.Title,
        [
            new("Period", context.Period), new("Stream", stream?.ToString() ?? "all four streams"),
            new("Hash-chain verification", verification.Describe()),
            new("Chain heads (last hash per stream)", string.Join("; ", verification.Heads.Select(h => $"{h.Key}: {h.Value}"))),
        ], [], [new DataSheet("Events", Columns, RowsAsync(context.From, context.To, stream, ct))]);
    }

    public Task<long> CountAsync(NhiPortalDbContext db, ReportContext context, CancellationToken ct)
    {
        var (from, to) = (context.From, context.To);
        var events = db.AuditEvents.Where(e => e.OccurredUtc >= from && e.OccurredUtc < to);
        if (context.Request.Stream is { } stream)
        {
            events = events.Where(e => e.Stream == stream);
        }
        return events.LongCountAsync(ct);
    }

    private async IAsyncEnumerable<object?[]> RowsAsync(DateTime from, DateTime to, AuditStream? stream, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var events = db.AuditEvents.AsNoTracking().Where(e => e.OccurredUtc >= from && e.OccurredUtc < to);
        if (stream is { } s)
        {
            events = events.Where(e => e.Stream == s);
        }
        var query = events.OrderBy(e => e.Id)
            .GroupJoin(db.AuditChainLinks, e => e.Id, l => l.EventId, (e, links) => new { e, links })
            .SelectMany(x => x.links.DefaultIfEmpty(), (x, l) => new { x.e, Sequence = l != null ? (long?)l.Sequence : null, Hash = l != null ? l.Hash : null });
        await foreach (var x in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return [.. AuditEventSheet.Row(x.e), x.Sequence, x.Hash];
        }
    }
}
