using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Reports;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>The period's revocation runs and every step with its connector's answer; the time to respond.</summary>
internal sealed class RevocationsReport(IDbContextFactory<NhiPortalDbContext> dbFactory) : IReportContentSource
{
    private static readonly ReportColumn[] RunColumns =
    [
        new("Run", ColumnType.Text, 38), new("Requested (UTC)", ColumnType.DateTime, 19), new("Requested by", ColumnType.Text, 20), new("Reason", ColumnType.Text, 40),
        new("Identity", ColumnType.Text, 28), new("Identity disabled", ColumnType.Boolean, 9), new("Status", ColumnType.Text, 15),
        new("Started (UTC)", ColumnType.DateTime, 19), new("Completed (UTC)", ColumnType.DateTime, 19), new("Duration (s)", ColumnType.Number, 11),
        new("Steps", ColumnType.Integer, 7), new("Verified", ColumnType.Integer, 8), new("Revoked by hand", ColumnType.Integer, 8),
        new("Failed", ColumnType.Integer, 7), new("Still working after revoke", ColumnType.Integer, 9), new("Executions", ColumnType.Integer, 9),
    ];

    private static readonly ReportColumn[] StepColumns =
    [
        new("Run", ColumnType.Text, 38), new("Credential", ColumnType.Text, 32), new("Connector", ColumnType.Text, 14), new("Step", ColumnType.Text, 12),
        new("Attempts", ColumnType.Integer, 8), new("Answer", ColumnType.Text, 70), new("Revoked (UTC)", ColumnType.DateTime, 19),
        new("Verified (UTC)", ColumnType.DateTime, 19), new("Took (ms)", ColumnType.Integer, 9),
    ];

    public async Task<ReportContent> BuildAsync(NhiPortalDbContext db, ReportContext context, CancellationToken ct)
    {
        var (from, to) = (context.From, context.To);
        var runs = db.RevocationRuns.Where(r => r.RequestedUtc >= from && r.RequestedUtc < to);
        var completed = await runs.Where(r => r.Status == RevocationRunStatus.Completed && r.CompletedUtc != null)
            .Select(r => new { r.RequestedUtc, Completed = r.CompletedUtc!.Value }).ToListAsync(ct);
        var seconds = completed.Select(r => (r.Completed - r.RequestedUtc).TotalSeconds).Order().ToList();
        var statusCounts = await runs.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var lines = Enum.GetValues<RevocationRunStatus>()
            .Select(status => ($"Runs {status}", (object?)(statusCounts.FirstOrDefault(s => s.Key == status)?.Count ?? 0))).ToList();
        lines.Add(("Mean time to respond (s): request to last credential revoked, completed runs", seconds.Count == 0 ? "no completed run" : Math.Round(seconds.Average(), 3)));
        lines.Add(("Median time to respond (s)", seconds.Count == 0 ? "no completed run" : Math.Round(seconds[seconds.Count / 2], 3)));
        return new ReportContent(ReportCatalog.Revocations.Title, [new("Period (runs requested)", context.Period)], [SummarySheet.Labelled("Summary", lines, 70, 20)],
            [new DataSheet("Runs", RunColumns, RunsAsync(from, to, ct)), new DataSheet("Steps", StepColumns, StepsAsync(from, to, ct))]);
    }

    public async Task<long> CountAsync(NhiPortalDbContext db, ReportContext context, CancellationToken ct)
    {
        var (from, to) = (context.From, context.To);
        var runs = db.RevocationRuns.Where(r => r.RequestedUtc >= from && r.RequestedUtc < to);
        return await runs.LongCountAsync(ct) + await db.RevocationSteps.Join(runs, s => s.RunId, r => r.Id, (s, _) => s).LongCountAsync(ct);
    }

    private async IAsyncEnumerable<object?[]> RunsAsync(DateTime from, DateTime to, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.RevocationRuns.AsNoTracking().Where(r => r.RequestedUtc >= from && r.RequestedUtc < to).OrderBy(r => r.RequestedUtc).Select(r => new
        {
            r.Id, r.RequestedUtc, r.RequestedByName, r.Reason, Identity = db.Identities.Where(i => i.Id == r.IdentityId).Select(i => i.Name).FirstOrDefault(),
            r.DisableIdentity, r.Status, r.StartedUtc, r.CompletedUtc, Steps = r.Steps.Count,
            Verified = r.Steps.Count(s => s.Status == RevocationStepStatus.Verified), Revoked = r.Steps.Count(s => s.Status == RevocationStepStatus.Revoked),
            Failed = r.Steps.Count(s => s.Status == RevocationStepStatus.Failed), Alive = r.Steps.Count(s => s.Status == RevocationStepStatus.ProbeFailed), r.Executions,
        });
        await foreach (var r in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return
            [
                r.Id.ToString("D"), r.RequestedUtc, r.RequestedByName, r.Reason, r.Identity, r.DisableIdentity, r.Status.ToString(), r.StartedUtc, r.CompletedUtc,
                r.CompletedUtc is { } done ? Math.Round((done - r.RequestedUtc).TotalSeconds, 3) : null, r.Steps, r.Verified, r.Revoked, r.Failed, r.Alive, r.Executions,
            ];
        }
    }

    private async IAsyncEnumerable<object?[]> StepsAsync(DateTime from, DateTime to, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.RevocationSteps.AsNoTracking()
            .Join(db.RevocationRuns.Where(r => r.RequestedUtc >= from && r.RequestedUtc < to), s => s.RunId, r => r.Id, (s, r) => new { s, r.RequestedUtc })
            .OrderBy(x => x.RequestedUtc).ThenBy(x => x.s.Id).Select(x => x.s);
        await foreach (var s in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return [s.RunId.ToString("D"), s.CredentialName, s.Connector, s.Status.ToString(), s.Attempts, s.Detail, s.RevokedUtc, s.VerifiedUtc, s.DurationMs];
        }
    }
}
