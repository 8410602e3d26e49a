using NhiPortal.Core.Access;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>
/// Asks for a campaign's start in the caller's transaction: marks the campaign Starting and writes the follow-up that
/// counts and freezes its items in the background (<see cref="CampaignStartHandler"/>). The caller waits for neither:
/// at 1M identities even the count reads a few hundred thousand rows.
/// </summary>
public sealed class CampaignStartRequests(FollowUps followUps, TimeProvider clock)
{
    public Task RequestAsync(NhiPortalDbContext db, ReviewCampaign campaign, PortalUser actor, IReadOnlyList<Guid>? onlyIdentities, Guid? unansweredOf, CancellationToken ct)
    {
        campaign.RequestStart(clock.GetUtcNow().UtcDateTime);
        followUps.Add(db, CampaignStartPayload.FollowUpType, actor, "ReviewCampaign", campaign.Id.ToString("D"),
            new CampaignStartPayload(campaign.Id, onlyIdentities, unansweredOf, actor.Subject, actor.DisplayName));
        return Task.CompletedTask;
    }

    /// <summary>The stage under way has ended with another to follow: the campaign is Starting again and the same follow-up freezes the next stage's items.</summary>
    public Task RequestNextStageAsync(NhiPortalDbContext db, ReviewCampaign campaign, PortalUser actor)
    {
        campaign.AdvanceStage();
        followUps.Add(db, CampaignStartPayload.FollowUpType, actor, "ReviewCampaign", campaign.Id.ToString("D"),
            new CampaignStartPayload(campaign.Id, null, null, actor.Subject, actor.DisplayName));
        return Task.CompletedTask;
    }
}
