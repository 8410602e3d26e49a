using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Tests.Reviews;

/// <summary>
/// The campaign start as it was before it moved to the background (everything in memory, every earlier decision
/// read), kept here only as the reference the batched start must agree with, item for item.
/// </summary>
internal static class SynchronousStartReference
{
    public static async Task<List<ReviewItem>> ItemsAsync(NhiPortalDbContext db, ReviewCampaign campaign, DateTime now)
    {
        var rows = await db.Identities.AsNoTracking().Where(i => i.LifecycleState == IdentityLifecycleState.Active).Select(i => new
        {
            i.Id, i.Name, i.OwnerId, Owner = i.Owner != null ? i.Owner.DisplayName : null, OwnerActive = i.Owner != null && i.Owner.IsActive,
            OwnerRoles = i.Owner != null ? i.Owner.PortalRoles : null,
            Team = i.Team != null ? i.Team.Name : null, LeadId = i.Team != null ? i.Team.LeadId : null,
            i.HygieneScore, i.Entitlements, i.LastActivityUtc, i.LastAttestedUtc, i.IsShared, i.IsBreakGlass, i.IsVendorManaged, i.PrivilegeLevel,
        }).ToListAsync();
        var byIdentity = (await db.Credentials.AsNoTracking().Where(c => c.State == CredentialState.Active && c.IdentityId != null).OrderBy(c => c.Id)
            .Select(c => new { IdentityId = c.IdentityId!.Value, c.Name, c.Kind, c.HygieneScore, c.LastUsedUtc }).ToListAsync()).ToLookup(c => c.IdentityId);
        var leads = await db.StaffMembers.AsNoTracking().ToDictionaryAsync(s => s.Id, s => new ReviewerCandidate(s.Id, s.DisplayName, s.IsActive, s.PortalRoles));
        var previous = (await db.ReviewItems.AsNoTracking().Where(r => r.Decision != null && r.CampaignId != campaign.Id)
                .Select(r => new { r.Id, r.IdentityId, r.Decision, r.DecidedUtc, r.DecidedBy }).ToListAsync())
            .GroupBy(r => r.IdentityId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.DecidedUtc).ThenByDescending(r => r.Id).First());
        var items = new List<ReviewItem>();
        foreach (var r in rows)
        {
            var (reviewer, rule) = ReviewRules.Reviewer(r.OwnerId is { } o ? new ReviewerCandidate(o, r.Owner!, r.OwnerActive, r.OwnerRoles) : null,
                r.LeadId is { } l ? leads.GetValueOrDefault(l) : null, campaign.FallbackReviewerId);
            var own = byIdentity[r.Id].ToList();
            var lastUsed = own.Where(c => c.LastUsedUtc != null).Select(c => c.LastUsedUtc).DefaultIfEmpty(null).Max();
            var p = previous.GetValueOrDefault(r.Id);
            var evidence = new ReviewEvidence(
                r.HygieneScore, r.HygieneScore is { } s ? HygieneGrades.Of(s).ToString() : null, lastUsed, r.LastActivityUtc, r.LastAttestedUtc, r.Entitlements,
                r.PrivilegeLevel.ToString(), r.IsShared, r.IsBreakGlass, r.IsVendorManaged,
                own.Select(c => new EvidenceCredential(c.Name, c.Kind.ToString(), c.HygieneScore is { } cs ? HygieneGrades.Of(cs).ToString() : null, c.LastUsedUtc)).ToList(),
                p is null ? null : $"{p.Decision} by {p.DecidedBy} on {p.DecidedUtc:yyyy-MM-dd}");
            items.Add(new ReviewItem
            {
                IdentityId = r.Id, IdentityName = r.Name, OwnerId = r.OwnerId, OwnerName = r.Owner, TeamName = r.Team, ReviewerId = reviewer, ReviewerRule = rule,
                EvidenceScore = r.HygieneScore, EvidenceLastUsedUtc = lastUsed, Recommendation = ReviewRules.Recommend(lastUsed, now),
                HighRisk = r.IsShared || r.IsBreakGlass || r.IsVendorManaged, EvidenceJson = evidence.ToJson(),
            });
        }
        return items;
    }
}
