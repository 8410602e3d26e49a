using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>
/// Closes a campaign in one transaction: unanswered items get its policy (identities disabled at once, their
/// credentials revoked through one follow-up run), the result (who decided what, when, why) is frozen with its hash.
/// </summary>
public sealed class CampaignCloser(AuditWriter audit, TimeProvider clock, ReviewRemediations remediations, FollowUps followUps)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public async Task CloseAsync(NhiPortalDbContext db, ReviewCampaign campaign, PortalUser actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var correlation = ReviewCampaign.CorrelationFor(campaign.Id);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var unanswered = await db.ReviewItems.Where(i => i.CampaignId == campaign.Id && (i.Status == ReviewItemStatus.Pending || i.Status == ReviewItemStatus.Escalated))
            .ToListAsync(ct);
        foreach (var item in unanswered)
        {
            item.MarkNoResponse(campaign.Unanswered);
            audit.Append(db, AuditStream.Review, AuditEventTypes.Review.ItemNoResponse, actor, "ReviewItem", item.Id.ToString(CultureInfo.InvariantCulture),
                $"{item.IdentityName}: no answer by the deadline; {ReviewRules.Describe(campaign.Unanswered)}", null, new { Policy = campaign.Unanswered.ToString() }, correlation);
        }
        campaign.Close(now, actor.Subject);
        if (campaign.Unanswered != UnansweredPolicy.FlagForFollowUp && unanswered.Count > 0)
        {
            if (campaign.Unanswered == UnansweredPolicy.DisableIdentity)
            {
                await DisableAsync(db, campaign, unanswered.Select(i => i.IdentityId).Distinct().ToList(), actor, ct);
            }
            await remediations.PlanForUnansweredAsync(db, campaign, unanswered, actor, ct);
        }
        await db.SaveChangesAsync(ct);

        var items = await db.ReviewItems.AsNoTracking().Where(i => i.CampaignId == campaign.Id).OrderBy(i => i.Id).ToListAsync(ct);
        var reviewers = await db.StaffMembers.AsNoTracking().NamesOfAsync(items.Select(i => i.ReviewerId), ct);
        var signals = CampaignSignals.RubberStamp(campaign.StartedUtc, campaign.DeadlineUtc, items.Select(i => (i.DecidedBy, i.DecidedUtc, i.Decision)));
        var result = JsonSerializer.Serialize(new
        {
            Campaign = new { campaign.Id, campaign.Name, Scope = campaign.Scope.ToString(), campaign.ScopeValue, campaign.WindowHours, campaign.StartedUtc, campaign.DeadlineUtc,
                ClosedUtc = now, ClosedBy = actor.Subject, Unanswered = campaign.Unanswered.ToString() },
            Signals = signals,
            Items = items.Select(i => new
            {
                i.IdentityId, i.IdentityName, i.OwnerName, i.TeamName, Reviewer = reviewers.GetValueOrDefault(i.ReviewerId), i.ReviewerRule,
                Status = i.Status.ToString(), Decision = i.Decision?.ToString(), i.Justification, i.DecidedBy, i.DecidedUtc,
                Evidence = new { i.EvidenceScore, i.EvidenceLastUsedUtc, i.Recommendation, i.HighRisk }, i.RemediationRunId, i.FollowUp,
            }),
        }, Json);
        db.ReviewCampaignResults.Add(new ReviewCampaignResult
        {
            CampaignId = campaign.Id, ClosedUtc = now, ResultJson = result,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(result))),
        });
        audit.Append(db, AuditStream.Review, AuditEventTypes.Review.CampaignClosed, actor, "ReviewCampaign", campaign.Id.ToString("D"),
            $"\"{campaign.Name}\" closed: {items.Count(i => i.Decision != null)} decided, {unanswered.Count} unanswered ({ReviewRules.Describe(campaign.Unanswered)})",
            null, new { Items = items.Count, Decided = items.Count(i => i.Decision != null), Unanswered = unanswered.Count, signals.KeepBursts, signals.LastTenPercentShare },
            correlation);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private async Task DisableAsync(NhiPortalDbContext db, ReviewCampaign campaign, IReadOnlyList<Guid> identityIds, PortalUser actor, CancellationToken ct)
    {
        var reason = $"Access review \"{campaign.Name}\": no answer by {campaign.DeadlineUtc:yyyy-MM-dd HH:mm} UTC";
        var disabled = new List<Guid>();
        foreach (var chunk in identityIds.Chunk(2_000))
        {
            foreach (var identity in await db.Identities.Where(i => chunk.Contains(i.Id) && i.LifecycleState == IdentityLifecycleState.Active).ToListAsync(ct))
            {
                identity.LifecycleState = IdentityLifecycleState.Disabled;
                identity.StateFromSource = false;
                disabled.Add(identity.Id);
                audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.Disabled, actor, "Identity", AuditWriter.TargetKey(identity.Id),
                    $"{identity.Name}: disabled. {reason}", new { State = "Active" }, new { State = "Disabled", Reason = reason }, ReviewCampaign.CorrelationFor(campaign.Id));
            }
        }
        followUps.Rescore(db, actor, disabled, "identities disabled by an access review");
    }
}
