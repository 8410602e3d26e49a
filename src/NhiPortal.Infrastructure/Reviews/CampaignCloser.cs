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
/// Set-based: the unanswered items change one UPDATE per batch of item ids, their events go in in bulk, and no item
/// or identity is loaded as an entity, so 50,000 unanswered items close as a job, not as a request. A stage with
/// another to follow ends the same way, then asks for the next stage's items (<see cref="EndStageAsync"/>).
/// </summary>
public sealed class CampaignCloser(AuditWriter audit, TimeProvider clock, ReviewRemediations remediations, FollowUps followUps, ReviewBatchOptions options,
    CampaignStartRequests starts, ReviewWorkItems workItems)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>
    /// The stage under way ends (its deadline, or a person): what it passes on goes unanswered to the next stage, whose
    /// items the background start freezes; what it ends unanswered gets the campaign's policy. In the last stage, or
    /// when nothing is passed on, the campaign closes.
    /// </summary>
    public async Task EndStageAsync(NhiPortalDbContext db, ReviewCampaign campaign, PortalUser actor, CancellationToken ct)
    {
        var stage = campaign.CurrentStage;
        if (campaign.InLastStage || !await db.ReviewItems.AnyAsync(i => i.CampaignId == campaign.Id && i.Stage == stage && !i.FinalStage, ct))
        {
            await CloseAsync(db, campaign, actor, ct);
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Claimed by a conditional update: the clock and a person (or two instances) ending the same stage cannot both advance it.
        var claimed = await db.ReviewCampaigns.Where(c => c.Id == campaign.Id && c.Status == CampaignStatus.Active && c.CurrentStage == stage)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Starting), ct);
        if (claimed == 0)
        {
            throw new ReviewConflictException($"Stage {stage} of \"{campaign.Name}\" was ended a moment ago. Reload.");
        }
        var passed = await MarkNoResponseAsync(db, campaign, actor, final: false, ct);
        var unanswered = await ApplyPolicyAsync(db, campaign, actor, ct);
        await starts.RequestNextStageAsync(db, campaign, actor);
        audit.Append(db, AuditStream.Review, AuditEventTypes.Review.StageEnded, actor, "ReviewCampaign", campaign.Id.ToString("D"),
            $"\"{campaign.Name}\": stage {stage} of {campaign.Stages.Count} ended ({passed} passed on unanswered, {unanswered} ended unanswered: {ReviewRules.Describe(campaign.Unanswered)}); stage {campaign.CurrentStage} starts",
            null, new { Stage = stage, PassedOnUnanswered = passed, Unanswered = unanswered }, ReviewCampaign.CorrelationFor(campaign.Id));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The stage's own unanswered items whose stage was their last get the campaign's policy; returns how many.</summary>
    private async Task<int> ApplyPolicyAsync(NhiPortalDbContext db, ReviewCampaign campaign, PortalUser actor, CancellationToken ct)
    {
        var unanswered = await MarkNoResponseAsync(db, campaign, actor, final: true, ct);
        if (campaign.Unanswered == UnansweredPolicy.FlagForFollowUp && unanswered > 0)
        {
            await workItems.OpenForUnansweredAsync(db, campaign, actor, clock.GetUtcNow().UtcDateTime, ct);
        }
        if (campaign.Unanswered != UnansweredPolicy.FlagForFollowUp && unanswered > 0)
        {
            if (campaign.Unanswered == UnansweredPolicy.DisableIdentity)
            {
                await DisableAsync(db, campaign, actor, ct);
            }
            await remediations.PlanForUnansweredAsync(db, campaign, actor, ct);
        }
        return unanswered;
    }

    public async Task CloseAsync(NhiPortalDbContext db, ReviewCampaign campaign, PortalUser actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var correlation = ReviewCampaign.CorrelationFor(campaign.Id);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        campaign.Close(now, actor.Subject);
        await db.SaveChangesAsync(ct);
        var unanswered = await ApplyPolicyAsync(db, campaign, actor, ct);

        var items = await db.ReviewItems.AsNoTracking().Where(i => i.CampaignId == campaign.Id).OrderBy(i => i.Id).Select(i => new
        {
            i.IdentityId, i.IdentityName, i.OwnerName, i.TeamName, i.ReviewerId, i.ReviewerRule, i.Status, i.Decision, i.Justification, i.DecidedBy, i.DecidedUtc,
            i.EvidenceScore, i.EvidenceLastUsedUtc, i.Recommendation, i.HighRisk, i.RemediationRunId, i.FollowUp, i.Stage, i.FinalStage, i.Critical,
        }).ToListAsync(ct);
        var reviewers = await db.StaffMembers.AsNoTracking().NamesOfAsync(items.Select(i => i.ReviewerId), ct);
        var signals = CampaignSignals.RubberStamp(campaign.StartedUtc, campaign.DeadlineUtc, items.Select(i => (i.DecidedBy, i.DecidedUtc, i.Decision)));
        var result = JsonSerializer.Serialize(new
        {
            Campaign = new { campaign.Id, campaign.Name, Scope = campaign.Scope.ToString(), campaign.ScopeValue, campaign.WindowHours, campaign.StartedUtc, campaign.DeadlineUtc,
                ClosedUtc = now, ClosedBy = actor.Subject, Unanswered = campaign.Unanswered.ToString(), Stages = campaign.Stages, campaign.SeparationOfDuties },
            Signals = signals,
            Items = items.Select(i => new
            {
                i.IdentityId, i.IdentityName, i.OwnerName, i.TeamName, Reviewer = reviewers.GetValueOrDefault(i.ReviewerId), i.ReviewerRule,
                Status = i.Status.ToString(), Decision = i.Decision?.ToString(), i.Justification, i.DecidedBy, i.DecidedUtc,
                Evidence = new { i.EvidenceScore, i.EvidenceLastUsedUtc, i.Recommendation, i.HighRisk }, i.RemediationRunId, i.FollowUp, i.Stage, i.FinalStage, i.Critical,
            }),
        }, Json);
        db.ReviewCampaignResults.Add(new ReviewCampaignResult
        {
            CampaignId = campaign.Id, ClosedUtc = now, ResultJson = result,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(result))),
        });
        // The result counts each identity once, by its last stage: earlier stages' answers are in the items above.
        var decided = items.Count(i => i.Decision != null && i.FinalStage);
        // Every stage's NHIs left unanswered, not only this last stage's.
        unanswered = await db.ReviewItems.Where(i => i.CampaignId == campaign.Id).CountAsync(ReviewItemOutcomes.Unanswered, ct);
        audit.Append(db, AuditStream.Review, AuditEventTypes.Review.CampaignClosed, actor, "ReviewCampaign", campaign.Id.ToString("D"),
            $"\"{campaign.Name}\" closed: {decided} decided, {unanswered} unanswered ({ReviewRules.Describe(campaign.Unanswered)})",
            null, new { Items = items.Count, Decided = decided, Unanswered = unanswered, signals.KeepBursts, signals.LastTenPercentShare },
            correlation);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// The stage's pending and escalated items (those whose stage is their last, or those it passes on) become NoResponse
    /// a batch at a time (an id range per UPDATE), each with its event.
    /// </summary>
    private async Task<int> MarkNoResponseAsync(NhiPortalDbContext db, ReviewCampaign campaign, PortalUser actor, bool final, CancellationToken ct)
    {
        var followUp = final && ReviewItem.FlagsForFollowUp(campaign.Unanswered);
        var stage = campaign.CurrentStage;
        var summary = final ? $"no answer by the deadline; {ReviewRules.Describe(campaign.Unanswered)}" : $"no answer in stage {stage}; passed on to stage {stage + 1}";
        var after = 0L;
        var total = 0;
        while (true)
        {
            var batch = await db.ReviewItems.AsNoTracking().Where(i => i.CampaignId == campaign.Id && i.Id > after && i.Stage == stage && i.FinalStage == final
                    && (i.Status == ReviewItemStatus.Pending || i.Status == ReviewItemStatus.Escalated))
                .OrderBy(i => i.Id).Take(Math.Max(1, options.ItemsPerBatch)).Select(i => new { i.Id, i.IdentityName }).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return total;
            }
            var (from, to) = (after, batch[^1].Id);
            await db.ReviewItems.Where(i => i.CampaignId == campaign.Id && i.Id > from && i.Id <= to && i.Stage == stage && i.FinalStage == final
                    && (i.Status == ReviewItemStatus.Pending || i.Status == ReviewItemStatus.Escalated))
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ReviewItemStatus.NoResponse).SetProperty(i => i.FollowUp, followUp)
                    .SetProperty(i => i.Version, i => i.Version + 1), ct);
            await BulkRows.InsertAsync(db, batch.Select(i => audit.Create(AuditStream.Review, AuditEventTypes.Review.ItemNoResponse, actor, "ReviewItem",
                i.Id.ToString(CultureInfo.InvariantCulture), $"{i.IdentityName}: {summary}", null, new { Policy = campaign.Unanswered.ToString() },
                ReviewCampaign.CorrelationFor(campaign.Id))).ToList(), ct);
            after = to;
            total += batch.Count;
        }
    }

    private async Task DisableAsync(NhiPortalDbContext db, ReviewCampaign campaign, PortalUser actor, CancellationToken ct)
    {
        var reason = $"Access review \"{campaign.Name}\": no answer by {campaign.DeadlineUtc:yyyy-MM-dd HH:mm} UTC";
        var stage = campaign.CurrentStage;
        var identities = await db.ReviewItems.AsNoTracking().Where(i => i.CampaignId == campaign.Id && i.Stage == stage && i.FinalStage && i.Status == ReviewItemStatus.NoResponse)
            .Join(db.Identities.Where(x => x.LifecycleState == IdentityLifecycleState.Active), i => i.IdentityId, x => x.Id, (i, x) => new { x.Id, x.Name })
            .ToListAsync(ct);
        foreach (var chunk in identities.Chunk(Math.Max(1, options.ItemsPerBatch)))
        {
            var ids = chunk.Select(x => x.Id).ToList();
            await db.Identities.Where(x => ids.Contains(x.Id) && x.LifecycleState == IdentityLifecycleState.Active).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.LifecycleState, IdentityLifecycleState.Disabled).SetProperty(x => x.StateFromSource, false)
                .SetProperty(x => x.Version, x => x.Version + 1), ct);
            await BulkRows.InsertAsync(db, chunk.Select(x => audit.Create(AuditStream.Identity, AuditEventTypes.Identity.Disabled, actor, "Identity",
                AuditWriter.TargetKey(x.Id), $"{x.Name}: disabled. {reason}", new { State = "Active" }, new { State = "Disabled", Reason = reason },
                ReviewCampaign.CorrelationFor(campaign.Id))).ToList(), ct);
        }
        followUps.Rescore(db, actor, identities.Select(x => x.Id), "identities disabled by an access review");
    }
}
