using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Reports;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>
/// One campaign: every item with what the reviewer saw and what became of it, and a summary whose counts and
/// rubber-stamp signals use the same Core rules as the campaign page.
/// </summary>
internal sealed class AccessReviewReport : IReportContentSource
{
    private static readonly ReportColumn[] Columns =
    [
        new("NHI", ColumnType.Text, 30), new("Owner", ColumnType.Text, 20), new("Team", ColumnType.Text, 16), new("Reviewer", ColumnType.Text, 20),
        new("Reviewer rule", ColumnType.Text, 11), new("Status", ColumnType.Text, 14), new("Decision", ColumnType.Text, 16), new("Justification", ColumnType.Text, 40),
        new("Decided by", ColumnType.Text, 18), new("Decided (UTC)", ColumnType.DateTime, 19), new("Grade seen", ColumnType.Text, 7), new("Score seen", ColumnType.Integer, 7),
        new("Last used (seen, UTC)", ColumnType.DateTime, 19), new("Recommendation seen", ColumnType.Text, 26), new("High risk", ColumnType.Boolean, 8),
        new("Escalated (UTC)", ColumnType.DateTime, 19), new("Remediation", ColumnType.Text, 16), new("Remediation completed (UTC)", ColumnType.DateTime, 19),
        new("Stage", ColumnType.Integer, 6), new("Last stage (carried out)", ColumnType.Boolean, 10),
    ];

    private sealed record RunOutcome(Core.Revocation.RevocationRunStatus Status, DateTime? CompletedUtc);

    /// <summary>At most the campaign's items (a reviewer's extract has fewer).</summary>
    public Task<long> CountAsync(NhiPortalDbContext db, ReportContext context, CancellationToken ct) =>
        db.ReviewItems.LongCountAsync(i => i.CampaignId == context.Request.CampaignId, ct);

    public async Task<ReportContent> BuildAsync(NhiPortalDbContext db, ReportContext context, CancellationToken ct)
    {
        var campaignId = context.Request.CampaignId!.Value;
        var campaign = await db.ReviewCampaigns.SingleOrDefaultAsync(c => c.Id == campaignId, ct) ?? throw new NotFoundException($"Campaign {campaignId}");
        var items = db.ReviewItems.Where(i => i.CampaignId == campaignId);
        var extract = context.ExportScope != AccessScope.Everything;
        if (extract)
        {
            // A reviewer's extract: only the items assigned to them or delegated by them, and only in a campaign that has some.
            var me = await db.StaffMembers.IdOfAsync(context.User.ScopeSubject, activeOnly: false, ct);
            items = items.Where(i => i.ReviewerId == me || i.DelegatedFromId == me);
            if (me is null || !await items.AnyAsync(ct))
            {
                throw new AccessDeniedException(context.User, Capability.Export);
            }
        }
        var rows = await items.OrderBy(i => i.IdentityName).ThenBy(i => i.Stage).ToListAsync(ct);
        var reviewers = await db.StaffMembers.AsNoTracking().NamesOfAsync(rows.Select(i => i.ReviewerId), ct);
        var runIds = rows.Where(i => i.RemediationRunId != null).Select(i => i.RemediationRunId!.Value).Distinct().ToList();
        var runs = await db.RevocationRuns.Where(r => runIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => new RunOutcome(r.Status, r.CompletedUtc), ct);
        var result = await db.ReviewCampaignResults.SingleOrDefaultAsync(r => r.CampaignId == campaignId, ct);
        return new ReportContent($"{ReportCatalog.AccessReview.Title}: {campaign.Name}{(extract ? " (reviewer's extract)" : "")}",
        [
            .. extract ? [new CoverLine("Extract", $"Reviewer's extract: only the items assigned to or delegated by {context.User.DisplayName}; every figure covers these rows")] : Array.Empty<CoverLine>(),
            new("Scope", $"{campaign.Scope}{(campaign.ScopeValue is null ? "" : $": {campaign.ScopeValue}")}"),
            new("Window", $"{campaign.StartedUtc:yyyy-MM-dd HH:mm} to {campaign.DeadlineUtc:yyyy-MM-dd HH:mm} UTC ({campaign.WindowHours} h)"),
            new("Status", campaign.Status == CampaignStatus.Closed ? $"closed {campaign.ClosedUtc:yyyy-MM-dd HH:mm} UTC by {campaign.ClosedBy}" : campaign.Status.ToString()),
            new("Unanswered items", ReviewRules.Describe(campaign.Unanswered)),
            new("Reviewers", string.Join(", ", reviewers.Values.Order())),
            new("Frozen result SHA-256", result?.Sha256 ?? "not closed yet"),
        ], [Summary(campaign, rows)], [new DataSheet("Items", Columns, RowsAsync(rows, reviewers, runs, ct))]);
    }

    private static SummarySheet Summary(ReviewCampaign campaign, IReadOnlyList<ReviewItem> all)
    {
        // One row per NHI: its last stage's, the one carried out (earlier stages' answers are on the Items sheet).
        var items = all.Where(i => i.FinalStage).ToList();
        var decided = items.Count(i => i.Decision != null);
        var unanswered = items.Count(ReviewItemOutcomes.IsUnanswered);
        var signals = CampaignSignals.RubberStamp(campaign.StartedUtc, campaign.DeadlineUtc, all.Select(i => (i.DecidedBy, i.DecidedUtc, i.Decision)));
        return SummarySheet.Labelled("Summary",
        [
            ("Items", items.Count),
            ("Decided", decided),
            ("Completion rate", items.Count == 0 ? 0 : Math.Round(decided / (double)items.Count, 3)),
            ("No response by the deadline (overdue)", unanswered),
            ("Escalated (any stage)", all.Count(i => i.EscalatedUtc != null)),
            ("Revoked or disabled", items.Count(i => i.Decision is ReviewDecision.RevokeCredentials or ReviewDecision.DisableIdentity)
                + (campaign.Unanswered == UnansweredPolicy.FlagForFollowUp ? 0 : unanswered)),
            ("Remediated", items.Count(i => i.Status == ReviewItemStatus.Remediated)),
            ("Remediation failed", items.Count(i => i.Status == ReviewItemStatus.RemediationFailed)),
            ("Rubber stamp: median seconds between one reviewer's decisions", signals.MedianSecondsPerDecision ?? 0),
            ($"Rubber stamp: keep-all bursts ({RubberStampSignals.BurstSize}+ within a minute)", signals.KeepBursts),
            ("Rubber stamp: share decided in the last 10% of the window", Math.Round(signals.LastTenPercentShare, 3)),
        ], 62, 16);
    }

    private static async IAsyncEnumerable<object?[]> RowsAsync(IReadOnlyList<ReviewItem> items, IReadOnlyDictionary<Guid, string> reviewers,
        IReadOnlyDictionary<Guid, RunOutcome> runs, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var i in items)
        {
            ct.ThrowIfCancellationRequested();
            var run = i.RemediationRunId is { } r && runs.TryGetValue(r, out var found) ? found : null;
            yield return
            [
                i.IdentityName, i.OwnerName, i.TeamName, reviewers.GetValueOrDefault(i.ReviewerId), i.ReviewerRule, i.Status.ToString(), i.Decision?.ToString(),
                i.Justification, i.DecidedBy, i.DecidedUtc, i.EvidenceScore is { } s ? HygieneGrades.Of(s).ToString() : null, i.EvidenceScore, i.EvidenceLastUsedUtc,
                i.Recommendation, i.HighRisk, i.EscalatedUtc, run?.Status.ToString() ?? (i.FollowUp ? "follow-up" : null), run?.CompletedUtc, i.Stage, i.FinalStage,
            ];
        }
        await Task.CompletedTask;
    }
}
