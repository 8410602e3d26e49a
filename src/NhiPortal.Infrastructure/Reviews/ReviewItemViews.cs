using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>Review items as the queue and the campaign page show them: with campaign, reviewer and delegator names.</summary>
internal static class ReviewItemViews
{
    public static async Task<List<ReviewItemView>> LoadAsync(NhiPortalDbContext db, IQueryable<ReviewItem> items, CancellationToken ct)
    {
        var rows = await items.Join(db.ReviewCampaigns, i => i.CampaignId, c => c.Id, (i, c) => new { i, c.Name, c.DeadlineUtc })
            .Join(db.StaffMembers, x => x.i.ReviewerId, s => s.Id, (x, s) => new { x.i, x.Name, x.DeadlineUtc, Reviewer = s.DisplayName })
            .ToListAsync(ct);
        var delegators = await db.StaffMembers.AsNoTracking().NamesOfAsync(rows.Where(r => r.i.DelegatedFromId != null).Select(r => r.i.DelegatedFromId!.Value), ct);
        return rows.Select(r => new ReviewItemView(r.i.Id, r.i.CampaignId, r.Name, r.i.IdentityId, r.i.IdentityName, r.i.OwnerName, r.i.TeamName, r.Reviewer,
            r.i.ReviewerRule, r.i.Status, r.i.Decision, r.i.Justification, r.i.DecidedBy, r.i.DecidedUtc, r.i.EvidenceScore, r.i.EvidenceLastUsedUtc,
            r.i.Recommendation, r.i.HighRisk, r.DeadlineUtc ?? DateTime.MaxValue, r.i.DelegatedFromId is { } d ? delegators.GetValueOrDefault(d) : null,
            r.i.Version, r.i.EvidenceJson, r.i.FollowUp, r.i.RemediationRunId)).ToList();
    }
}
