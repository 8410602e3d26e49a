using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>Review items as the queue and the campaign page show them: with campaign, reviewer and delegator names, for one page of rows.</summary>
internal static class ReviewItemViews
{
    public sealed record Row(ReviewItem Item, string CampaignName, DateTime? DeadlineUtc);

    /// <summary>Names for the rows already read (a page): one query for every reviewer and delegator on it.</summary>
    public static async Task<List<ReviewItemView>> ToViewsAsync(NhiPortalDbContext db, IReadOnlyList<Row> rows, CancellationToken ct)
    {
        var names = await db.StaffMembers.AsNoTracking().NamesOfAsync(
            rows.Select(r => r.Item.ReviewerId).Concat(rows.Where(r => r.Item.DelegatedFromId != null).Select(r => r.Item.DelegatedFromId!.Value)), ct);
        return rows.Select(r =>
        {
            var i = r.Item;
            return new ReviewItemView(i.Id, i.CampaignId, r.CampaignName, i.IdentityId, i.IdentityName, i.OwnerName, i.TeamName,
                names.GetValueOrDefault(i.ReviewerId) ?? "", i.ReviewerRule, i.Status, i.Decision, i.Justification, i.DecidedBy, i.DecidedUtc, i.EvidenceScore,
                i.EvidenceLastUsedUtc, i.Recommendation, i.HighRisk, r.DeadlineUtc ?? DateTime.MaxValue, i.DelegatedFromId is { } d ? names.GetValueOrDefault(d) : null,
                i.Version, i.EvidenceJson, i.FollowUp, i.RemediationRunId);
        }).ToList();
    }
}
