using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>
/// Asks for a campaign's start in the caller's transaction: counts the NHIs in scope, marks the campaign Starting and
/// writes the follow-up that freezes its items in the background (<see cref="CampaignStartHandler"/>). The caller waits
/// for one COUNT, not for 100,000 items.
/// </summary>
public sealed class CampaignStartRequests(FollowUps followUps, TimeProvider clock)
{
    public async Task RequestAsync(NhiPortalDbContext db, ReviewCampaign campaign, PortalUser actor, IReadOnlyList<Guid>? onlyIdentities, Guid? unansweredOf, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expected = await CampaignScope.Identities(db, campaign, now, onlyIdentities, unansweredOf).CountAsync(ct);
        campaign.RequestStart(now, expected);
        followUps.Add(db, CampaignStartPayload.FollowUpType, actor, "ReviewCampaign", campaign.Id.ToString("D"),
            new CampaignStartPayload(campaign.Id, onlyIdentities, unansweredOf, actor.Subject, actor.DisplayName));
    }
}
