using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Notifications;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>Starts a campaign in the caller's context: freezes its items with their reviewer and evidence (NHIs created later are not added) and tells the reviewers.</summary>
public sealed class CampaignStarter(AuditWriter audit, TimeProvider clock)
{
    public async Task<int> StartAsync(NhiPortalDbContext db, ReviewCampaign campaign, PortalUser actor, IReadOnlyCollection<Guid>? onlyIdentities, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var identities = InScope(db.Identities.AsNoTracking().Where(i => i.LifecycleState == IdentityLifecycleState.Active), campaign);
        if (onlyIdentities is not null)
        {
            var ids = onlyIdentities.ToList();
            identities = identities.Where(i => ids.Contains(i.Id));
        }
        var rows = await identities.Select(i => new
        {
            i.Id, i.Name, i.OwnerId, Owner = i.Owner != null ? i.Owner.DisplayName : null, OwnerActive = i.Owner != null && i.Owner.IsActive,
            OwnerRoles = i.Owner != null ? i.Owner.PortalRoles : null,
            Team = i.Team != null ? i.Team.Name : null, LeadId = i.Team != null ? i.Team.LeadId : null,
            i.HygieneScore, i.Entitlements, i.LastActivityUtc, i.LastAttestedUtc, i.IsShared, i.IsBreakGlass, i.IsVendorManaged, i.PrivilegeLevel,
        }).ToListAsync(ct);
        var credentials = new List<(Guid IdentityId, string Name, CredentialKind Kind, int? Score, DateTime? LastUsed)>();
        foreach (var chunk in rows.Select(r => r.Id).Chunk(2_000))
        {
            credentials.AddRange((await db.Credentials.AsNoTracking().Where(c => c.State == CredentialState.Active && c.IdentityId != null && chunk.Contains(c.IdentityId.Value))
                .Select(c => new { IdentityId = c.IdentityId!.Value, c.Name, c.Kind, c.HygieneScore, c.LastUsedUtc }).ToListAsync(ct))
                .Select(c => (c.IdentityId, c.Name, c.Kind, c.HygieneScore, c.LastUsedUtc)));
        }
        var byIdentity = credentials.ToLookup(c => c.IdentityId);
        // Team leads are few: read them once, with the roles their last sign-in showed.
        var leadIds = rows.Where(r => r.LeadId != null).Select(r => r.LeadId!.Value).Distinct().ToList();
        var leads = await db.StaffMembers.AsNoTracking().Where(s => leadIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => new ReviewerCandidate(s.Id, s.DisplayName, s.IsActive, s.PortalRoles), ct);
        var previous = (await db.ReviewItems.AsNoTracking().Where(r => r.Decision != null && r.CampaignId != campaign.Id)
                .Select(r => new { r.IdentityId, r.Decision, r.DecidedUtc, r.DecidedBy }).ToListAsync(ct))
            .GroupBy(r => r.IdentityId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.DecidedUtc).First());

        foreach (var r in rows)
        {
            var (reviewer, rule) = ReviewRules.Reviewer(r.OwnerId is { } o ? new ReviewerCandidate(o, r.Owner!, r.OwnerActive, r.OwnerRoles) : null,
                r.LeadId is { } l ? leads.GetValueOrDefault(l) : null, campaign.FallbackReviewerId);
            var own = byIdentity[r.Id].ToList();
            var lastUsed = own.Where(c => c.LastUsed != null).Select(c => c.LastUsed).DefaultIfEmpty(null).Max();
            var previousDecision = previous.GetValueOrDefault(r.Id);
            var evidence = new ReviewEvidence(
                r.HygieneScore, r.HygieneScore is { } s ? HygieneGrades.Of(s).ToString() : null, lastUsed, r.LastActivityUtc, r.LastAttestedUtc, r.Entitlements,
                r.PrivilegeLevel.ToString(), r.IsShared, r.IsBreakGlass, r.IsVendorManaged,
                own.Select(c => new EvidenceCredential(c.Name, c.Kind.ToString(), c.Score is { } cs ? HygieneGrades.Of(cs).ToString() : null, c.LastUsed)).ToList(),
                previousDecision is null ? null : $"{previousDecision.Decision} by {previousDecision.DecidedBy} on {previousDecision.DecidedUtc:yyyy-MM-dd}");
            campaign.Items.Add(new ReviewItem
            {
                IdentityId = r.Id, IdentityName = r.Name, OwnerId = r.OwnerId, OwnerName = r.Owner, TeamName = r.Team, ReviewerId = reviewer, ReviewerRule = rule,
                EvidenceScore = r.HygieneScore, EvidenceLastUsedUtc = lastUsed, Recommendation = ReviewRules.Recommend(lastUsed, now),
                HighRisk = r.IsShared || r.IsBreakGlass || r.IsVendorManaged, EvidenceJson = evidence.ToJson(),
            });
        }
        campaign.Start(now);
        foreach (var reviewer in campaign.Items.GroupBy(i => i.ReviewerId))
        {
            ReviewNotifications.Notify(db, reviewer.Key, NotificationKinds.ReviewAssigned, $"review-assigned:{campaign.Id:N}:{reviewer.Key:N}",
                $"{reviewer.Count()} NHI(s) to review in \"{campaign.Name}\"",
                $"Confirm each is still needed, or revoke, disable, reduce or reassign it, by {campaign.DeadlineUtc:yyyy-MM-dd HH:mm} UTC. Unanswered items are {ReviewRules.Describe(campaign.Unanswered)}.",
                "/my-reviews", now);
        }
        audit.Append(db, AuditStream.Review, AuditEventTypes.Review.CampaignStarted, actor, "ReviewCampaign", campaign.Id.ToString("D"),
            $"\"{campaign.Name}\" started: {campaign.Items.Count} NHI(s), {campaign.Items.Select(i => i.ReviewerId).Distinct().Count()} reviewer(s), deadline {campaign.DeadlineUtc:yyyy-MM-dd HH:mm} UTC",
            null, new { campaign.Scope, campaign.ScopeValue, campaign.WindowHours, Items = campaign.Items.Count, campaign.Unanswered }, ReviewCampaign.CorrelationFor(campaign.Id));
        return campaign.Items.Count;
    }

    // Exhaustive (CS8509): a new scope cannot be forgotten here. A departure review names its identities itself.
    private static IQueryable<NonHumanIdentity> InScope(IQueryable<NonHumanIdentity> identities, ReviewCampaign campaign) => campaign.Scope switch
    {
        ReviewScope.Team => identities.Where(i => i.TeamId == Guid.Parse(campaign.ScopeValue!)),
        ReviewScope.Environment => InEnvironment(identities, Enum.Parse<DeploymentEnvironment>(campaign.ScopeValue!)),
        ReviewScope.Grade => InGrade(identities, HygieneGrades.Range(Enum.Parse<HygieneGrade>(campaign.ScopeValue!))),
        ReviewScope.HighRisk => identities.Where(i => i.IsShared || i.IsBreakGlass || i.IsVendorManaged),
        ReviewScope.AllIdentities or ReviewScope.OwnerDeparture => identities,
    };

    private static IQueryable<NonHumanIdentity> InEnvironment(IQueryable<NonHumanIdentity> identities, DeploymentEnvironment environment) =>
        identities.Where(i => i.Environment == environment);

    private static IQueryable<NonHumanIdentity> InGrade(IQueryable<NonHumanIdentity> identities, (int From, int To) range) =>
        identities.Where(i => i.HygieneScore != null && i.HygieneScore >= range.From && i.HygieneScore < range.To);
}
