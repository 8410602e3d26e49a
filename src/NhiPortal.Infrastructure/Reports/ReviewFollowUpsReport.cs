using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Reports;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>The review follow-ups opened in the period, each with its assignee, due date, state and resolution; counts by state and overdue.</summary>
internal sealed class ReviewFollowUpsReport(IDbContextFactory<NhiPortalDbContext> dbFactory) : IReportContentSource
{
    private static readonly ReportColumn[] Columns =
    [
        new("NHI", ColumnType.Text, 30), new("Kind", ColumnType.Text, 14), new("What to do", ColumnType.Text, 50), new("Campaign", ColumnType.Text, 26),
        new("Assigned to", ColumnType.Text, 20), new("Opened (UTC)", ColumnType.DateTime, 19), new("Due (UTC)", ColumnType.DateTime, 19), new("State", ColumnType.Text, 10),
        new("Closed (UTC)", ColumnType.DateTime, 19), new("Closed by", ColumnType.Text, 18), new("Resolution", ColumnType.Text, 40),
    ];

    public Task<long> CountAsync(NhiPortalDbContext db, ReportContext context, CancellationToken ct) =>
        db.WorkItems.LongCountAsync(w => w.CreatedUtc >= context.From && w.CreatedUtc < context.To, ct);

    public async Task<ReportContent> BuildAsync(NhiPortalDbContext db, ReportContext context, CancellationToken ct)
    {
        var (from, to) = (context.From, context.To);
        var inPeriod = db.WorkItems.Where(w => w.CreatedUtc >= from && w.CreatedUtc < to);
        var states = await inPeriod.GroupBy(w => w.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var now = context.Now;
        var overdue = await inPeriod.CountAsync(w => w.State == WorkItemState.Open && w.DueUtc < now, ct);
        var lines = Enum.GetValues<WorkItemState>().Select(s => ($"Follow-ups {s}", (object?)(states.FirstOrDefault(x => x.Key == s)?.Count ?? 0))).ToList();
        lines.Add(("Open and overdue", overdue));
        return new ReportContent(ReportCatalog.ReviewFollowUps.Title, [new("Period (follow-ups opened)", context.Period)], [SummarySheet.Labelled("Summary", lines, 40, 12)],
            [new DataSheet("Follow-ups", Columns, RowsAsync(from, to, ct))]);
    }

    private async IAsyncEnumerable<object?[]> RowsAsync(DateTime from, DateTime to, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.WorkItems.AsNoTracking().Where(w => w.CreatedUtc >= from && w.CreatedUtc < to).OrderBy(w => w.CreatedUtc).ThenBy(w => w.Id).Select(w => new
        {
            w.IdentityName, w.Kind, w.Description, Campaign = db.ReviewCampaigns.Where(c => c.Id == w.CampaignId).Select(c => c.Name).FirstOrDefault(),
            Assignee = db.StaffMembers.Where(s => s.Id == w.AssigneeId).Select(s => s.DisplayName).FirstOrDefault(), w.CreatedUtc, w.DueUtc, w.State, w.ClosedUtc, w.ClosedBy,
            w.Resolution,
        });
        await foreach (var w in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return [w.IdentityName, w.Kind.ToString(), w.Description, w.Campaign, w.Assignee, w.CreatedUtc, w.DueUtc, w.State.ToString(), w.ClosedUtc, w.ClosedBy, w.Resolution];
        }
    }
}
