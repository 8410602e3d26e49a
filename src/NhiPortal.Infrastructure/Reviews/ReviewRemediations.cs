using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Outbox;
using NhiPortal.Core.Reviews;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>
/// Turns a revoke/disable decision or an unanswered campaign's policy into a follow-up in the caller's transaction:
/// the items point at the run the follow-up will start (it takes the follow-up's id), or are remediated at once when
/// nothing is left to revoke. So a committed decision always ends in a run, and a failed one leaves none.
/// </summary>
public sealed class ReviewRemediations(AuditWriter audit, FollowUps followUps)
{
    /// <summary>The system actor a review's revocations run as: it may revoke, and names the campaign and the person behind it.</summary>
    public static PortalUser Actor(string campaignName, string decidedBy) =>
        PortalUser.System("reviews", $"campaign \"{campaignName}\", decided by {decidedBy}", Capability.Revoke);

    public async Task PlanForDecisionAsync(NhiPortalDbContext db, ReviewItem item, ReviewCampaign campaign, PortalUser decider, CancellationToken ct)
    {
        var disable = item.Decision == ReviewDecision.DisableIdentity;
        var hasActive = await db.Credentials.AnyAsync(c => c.IdentityId == item.IdentityId && c.State == CredentialState.Active, ct);
        var identityActive = await db.Identities.AnyAsync(i => i.Id == item.IdentityId && i.LifecycleState == IdentityLifecycleState.Active, ct);
        if (!hasActive && !(disable && identityActive))
        {
            NothingToRevoke(db, item, decider);
            return;
        }
        var reason = RevocationRules.ForReview(campaign.Name, $"{item.Decision} by {decider.DisplayName}", item.Justification);
        Plan(db, campaign, [item], item.IdentityId, disable, reason, decider);
    }

    /// <summary>
    /// A closed campaign's NoResponse items whose identities still hold active credentials get one run between them
    /// (they point at it by the follow-up's id; the payload lists none of them); the others are done at once. Set-based.
    /// </summary>
    public async Task PlanForUnansweredAsync(NhiPortalDbContext db, ReviewCampaign campaign, PortalUser closer, CancellationToken ct)
    {
        // The stage's own last-stage items only: an earlier stage's silence was passed on, not left unanswered.
        var stage = campaign.CurrentStage;
        var unanswered = db.ReviewItems.Where(i => i.CampaignId == campaign.Id && i.Stage == stage && i.FinalStage && i.Status == ReviewItemStatus.NoResponse
            && i.RemediationRunId == null);
        var withCredentials = unanswered.Where(i => db.Credentials.Any(c => c.IdentityId == i.IdentityId && c.State == CredentialState.Active));
        if (await withCredentials.AnyAsync(ct))
        {
            var reason = RevocationRules.ForReview(campaign.Name, $"no answer by {campaign.DeadlineUtc:yyyy-MM-dd HH:mm} UTC", null);
            var payload = new ReviewRemediationPayload(campaign.Id, campaign.Name, [], null, false, reason, closer.DisplayName);
            var message = followUps.Add(db, FollowUpTypes.ReviewRemediation, Actor(campaign.Name, closer.DisplayName), "ReviewCampaign", campaign.Id.ToString("D"), payload);
            await withCredentials.ExecuteUpdateAsync(s => s.SetProperty(i => i.RemediationRunId, message.Id), ct);
        }
        var done = await unanswered.Select(i => new { i.Id, i.IdentityName }).ToListAsync(ct);
        await unanswered.ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ReviewItemStatus.Remediated).SetProperty(i => i.Version, i => i.Version + 1), ct);
        await BulkRows.InsertAsync(db, done.Select(i => audit.Create(AuditStream.Review, AuditEventTypes.Review.ItemRemediated, closer, "ReviewItem",
            i.Id.ToString(CultureInfo.InvariantCulture), $"{i.IdentityName}: nothing left to revoke", null, null, ReviewCampaign.CorrelationFor(campaign.Id))).ToList(), ct);
    }

    private void Plan(NhiPortalDbContext db, ReviewCampaign campaign, IReadOnlyList<ReviewItem> items, Guid? identityId, bool disable, string reason, PortalUser by)
    {
        var payload = new ReviewRemediationPayload(campaign.Id, campaign.Name, items.Select(i => i.Id).ToList(), identityId, disable, reason, by.DisplayName);
        var message = followUps.Add(db, FollowUpTypes.ReviewRemediation, Actor(campaign.Name, by.DisplayName), "ReviewCampaign", campaign.Id.ToString("D"), payload);
        foreach (var item in items)
        {
            item.AwaitRemediation(message.Id);
        }
    }

    /// <summary>Idempotent: an item already remediated is left as it is.</summary>
    public void NothingToRevoke(NhiPortalDbContext db, ReviewItem item, PortalUser actor)
    {
        if (item.Status is ReviewItemStatus.Remediated or ReviewItemStatus.RemediationFailed)
        {
            return;
        }
        item.RemediationRunId = null;
        item.Remediate(succeeded: true);
        audit.Append(db, AuditStream.Review, AuditEventTypes.Review.ItemRemediated, actor, "ReviewItem", item.Id.ToString(CultureInfo.InvariantCulture),
            $"{item.IdentityName}: nothing left to revoke", null, null, ReviewCampaign.CorrelationFor(item.CampaignId));
    }
}
