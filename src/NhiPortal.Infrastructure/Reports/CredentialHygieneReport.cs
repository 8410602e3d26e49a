using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Reports;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Hygiene;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>Every credential with its hygiene findings; a summary by team and grade from the stored scores.</summary>
internal sealed class CredentialHygieneReport(IDbContextFactory<NhiPortalDbContext> dbFactory, HygieneRescorer rescorer) : IReportContentSource
{
    private static readonly ReportColumn[] Columns =
    [
        new("Credential", ColumnType.Text, 34), new("Kind", ColumnType.Text, 14), new("State", ColumnType.Text, 10), new("Identity", ColumnType.Text, 30),
        new("Environment", ColumnType.Text, 12), new("Owner", ColumnType.Text, 22), new("Owner active", ColumnType.Boolean, 8), new("Team", ColumnType.Text, 18),
        new("Held in", ColumnType.Text, 18), new("Fingerprint", ColumnType.Text, 16), new("Issued (UTC)", ColumnType.DateTime, 19),
        new("Age (days)", ColumnType.Integer, 10), new("Expires (UTC)", ColumnType.DateTime, 19), new("Last rotated (UTC)", ColumnType.DateTime, 19),
        new("Last used (UTC)", ColumnType.DateTime, 19), new("Dynamic", ColumnType.Boolean, 8), new("Score", ColumnType.Integer, 7),
        new("Grade", ColumnType.Text, 6), new("Findings (OWASP NHI)", ColumnType.Text, 80),
    ];

    public async Task<ReportContent> BuildAsync(NhiPortalDbContext db, ReportContext context, CancellationToken ct)
    {
        // The summary's grouped query runs on its own connection and thread while the explainer loads its facts: both
        // read millions of rows, and SQLite's "async" calls would otherwise run one after the other.
        var grouped = Task.Run(() => TeamGradeCountsAsync(ct), ct);
        var run = await rescorer.ExplainerAsync(db, ct);
        var policy = await HygienePolicyStore.CurrentAsync(db, ct);
        var byTeam = await grouped;
        var grades = Enum.GetValues<HygieneGrade>();
        List<IReadOnlyList<object?>> summary = [["Team", .. grades.Select(g => g.ToString()), "Credentials", "Mean score"]];
        foreach (var team in byTeam.GroupBy(t => t.Team ?? "(no team)").OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var total = team.Sum(t => t.Count);
            summary.Add([team.Key, .. grades.Select(g => (object?)team.Where(t => HygieneGrades.Of(t.Score) == g).Sum(t => t.Count)), total,
                Math.Round(team.Sum(t => (double)t.Score * t.Count) / total, 1)]);
        }
        return new ReportContent(ReportCatalog.CredentialHygiene.Title,
            [new("Scope", "every credential, all states; findings for active ones"), new("Hygiene policy", $"version {policy.Version}")],
            [new SummarySheet("By team and grade", summary, [28]) { HasHeader = true, FreezeAndFilter = true }],
            [new DataSheet("Credentials", Columns, CredentialHygieneRows.ReadAsync(dbFactory, run, context.Now, ct))]);
    }

    private sealed record TeamScoreCount(string? Team, int Score, int Count);

    // Team x grade counts from the stored scores (one grouped query), for the summary sheet.
    private async Task<List<TeamScoreCount>> TeamGradeCountsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Credentials.AsNoTracking().Where(c => c.State == CredentialState.Active && c.HygieneScore != null)
            .GroupBy(c => new { Team = c.Identity != null && c.Identity.Team != null ? c.Identity.Team.Name : null, Score = c.HygieneScore!.Value })
            .Select(g => new TeamScoreCount(g.Key.Team, g.Key.Score, g.Count())).ToListAsync(ct);
    }

    public Task<long> CountAsync(NhiPortalDbContext db, ReportContext context, CancellationToken ct) => db.Credentials.LongCountAsync(ct);
}
