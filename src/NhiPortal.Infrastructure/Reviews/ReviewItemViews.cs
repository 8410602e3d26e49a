using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>Review items as the queue and the campaign page show them: with campaign, reviewer and delegator names, for one page of rows.</summary>
internal static class ReviewItemViews
{
    public sealed record Row(ReviewItem Item, string CampaignName, DateTime? DeadlineUtc);

    /// <summary>Names for the rows already read (a page): one query for every reviewer and delegator on it, one for the earlier stages of its later-stage items.</summary>
    public static async Task<List<ReviewItemView>> ToViewsAsync(NhiPortalDbContext db, IReadOnlyList<Row> rows, CancellationToken ct)
    {
        var later = rows.Where(r => r.Item.Stage > 1).Select(r => r.Item).ToList();
        var laterCampaigns = later.Select(i => i.CampaignId).Distinct().ToList();
        var laterIdentities = later.Select(i => i.IdentityId).Distinct().ToList();
        var earlier = later.Count == 0 ? [] : await db.ReviewItems.AsNoTracking()
            .Where(e => laterCampaigns.Contains(e.CampaignId) && laterIdentities.Contains(e.IdentityId))
            .Select(e => new { e.CampaignId, e.IdentityId, e.Stage, e.ReviewerId, e.Decision, e.Justification, e.DecidedBy, e.DecidedUtc }).ToListAsync(ct);
        var names = await db.StaffMembers.AsNoTracking().NamesOfAsync(
            rows.Select(r => r.Item.ReviewerId).Concat(rows.Where(r => r.Item.DelegatedFromId != null).Select(r => r.Item.DelegatedFromId!.Value))
                .Concat(earlier.Select(e => e.ReviewerId)), ct);
        return rows.Select(r =>
        {
            var i = r.Item;
            return new ReviewItemView(i.Id, i.CampaignId, r.CampaignName, i.IdentityId, i.IdentityName, i.OwnerName, i.TeamName,
                names.GetValueOrDefault(i.ReviewerId) ?? "", i.ReviewerRule, i.Status, i.Decision, i.Justification, i.DecidedBy, i.DecidedUtc, i.EvidenceScore,
                i.EvidenceLastUsedUtc, i.Recommendation, i.HighRisk, r.DeadlineUtc ?? DateTime.MaxValue, i.DelegatedFromId is { } d ? names.GetValueOrDefault(d) : null,
                i.Version, i.EvidenceJson, i.FollowUp, i.RemediationRunId)
            {
                Stage = i.Stage, FinalStage = i.FinalStage,
                EarlierStages = earlier.Where(e => e.CampaignId == i.CampaignId && e.IdentityId == i.IdentityId && e.Stage < i.Stage).OrderBy(e => e.Stage)
                    .Select(e => new StageDecision(e.Stage, names.GetValueOrDefault(e.ReviewerId) ?? "", e.Decision, e.Justification, e.DecidedBy, e.DecidedUtc)).ToList(),
            };
        }).ToList();
    }
}
