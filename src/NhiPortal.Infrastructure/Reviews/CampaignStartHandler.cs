using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Notifications;
using NhiPortal.Core.Outbox;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>
/// Freezes a Starting campaign's items in the background, a batch per transaction: the next NHIs in id order after
/// the campaign's cursor, each with its reviewer (the reviewer rule), evidence, recommendation and the
/// latest earlier decision, inserted in bulk with the cursor and the progress count. A retry after a crash continues
/// after the last committed batch, so no item is frozen twice. When no NHI is left the window opens, each reviewer is
/// told once and the CampaignStarted event is written, in one transaction. A later stage is built the same way, from the
/// identities the stage before passed on, each with that stage's reviewer (<see cref="StageReviewers"/>).
/// </summary>
public sealed class CampaignStartHandler(IDbContextFactory<NhiPortalDbContext> dbFactory, AuditWriter audit, TimeProvider clock, ReviewBatchOptions options,
    SeparationOfDutiesPolicy separation, ReviewCadence cadence) : IFollowUpHandler
{
    public string Type => CampaignStartPayload.FollowUpType;

    public int BatchSize => 1;

    public async Task HandleAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken ct)
    {
        foreach (var message in batch)
        {
            var payload = FollowUps.Read<CampaignStartPayload>(message);
            while (await BuildBatchAsync(payload, ct))
            {
            }
            await OpenAsync(payload, ct);
        }
    }

    /// <summary>Freezes the next batch; false when nothing is left (or the campaign is no longer starting).</summary>
    private async Task<bool> BuildBatchAsync(CampaignStartPayload payload, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await db.ReviewCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == payload.CampaignId, ct);
        if (campaign is not { Status: CampaignStatus.Starting, StartRequestedUtc: { } requested })
        {
            return false;
        }
        var identities = CampaignScope.Identities(db, campaign, requested, payload.OnlyIdentities, payload.UnansweredOf, cadence).AsNoTracking();
        if (campaign.BuildCursor is null && campaign.ItemsExpected == 0)
        {
            // The progress bar's denominator, counted once before the first batch (a retry before any batch counts again).
            var expected = await identities.CountAsync(ct);
            await db.ReviewCampaigns.Where(c => c.Id == campaign.Id && c.BuildCursor == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.ItemsExpected, expected), ct);
        }
        if (campaign.BuildCursor is { } after)
        {
            identities = identities.Where(i => i.Id.CompareTo(after) > 0);
        }
        var rows = await identities.OrderBy(i => i.Id).Take(Math.Max(1, options.ItemsPerBatch)).Select(i => new IdentityRow(
            i.Id, i.Name, i.OwnerId, i.Owner != null ? i.Owner.DisplayName : null, i.Owner != null && i.Owner.IsActive, i.Owner != null ? i.Owner.PortalRoles : null,
            i.Team != null ? i.Team.Name : null, i.Team != null ? i.Team.LeadId : null,
            i.HygieneScore, i.Entitlements, i.LastActivityUtc, i.LastAttestedUtc, i.IsShared, i.IsBreakGlass, i.IsVendorManaged, i.PrivilegeLevel)).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return false;
        }
        // A later stage's recommendation is judged on the day it opens, not the day the campaign was asked for.
        var items = await FreezeAsync(db, campaign, rows, campaign.CurrentStage == 1 ? requested : clock.GetUtcNow().UtcDateTime, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The cursor moves only from where this batch read it: a second builder (or a stale retry) changes nothing.
        var last = rows[^1].Id;
        var moved = await db.ReviewCampaigns.Where(c => c.Id == campaign.Id && c.Status == CampaignStatus.Starting && c.BuildCursor == campaign.BuildCursor)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.BuildCursor, last).SetProperty(c => c.ItemsBuilt, c => c.ItemsBuilt + items.Count), ct);
        if (moved == 0)
        {
            return true;
        }
        await BulkRows.InsertAsync(db, items, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private sealed record IdentityRow(
        Guid Id, string Name, Guid? OwnerId, string? Owner, bool OwnerActive, string? OwnerRoles, string? Team, Guid? LeadId, int? HygieneScore,
        List<string> Entitlements, DateTime? LastActivityUtc, DateTime? LastAttestedUtc, bool IsShared, bool IsBreakGlass, bool IsVendorManaged,
        Core.Inventory.PrivilegeLevel PrivilegeLevel);

    private async Task<List<ReviewItem>> FreezeAsync(NhiPortalDbContext db, ReviewCampaign campaign, List<IdentityRow> rows, DateTime now, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var credentials = (await db.Credentials.AsNoTracking().Where(c => c.State == CredentialState.Active && c.IdentityId != null && ids.Contains(c.IdentityId.Value))
                .OrderBy(c => c.Id).Select(c => new { IdentityId = c.IdentityId!.Value, c.Name, c.Kind, c.HygieneScore, c.LastUsedUtc }).ToListAsync(ct))
            .ToLookup(c => c.IdentityId);
        // Team leads are few: read them with the roles their last sign-in showed.
        var leadIds = rows.Where(r => r.LeadId != null).Select(r => r.LeadId!.Value).Distinct().ToList();
        var stages = campaign.Stages;
        var stage = stages[campaign.CurrentStage - 1];
        var people = leadIds.Concat(stage.ReviewerId is { } n ? [n] : []).Distinct().ToList();
        var leads = await db.StaffMembers.AsNoTracking().ReviewerCandidatesAsync(people, ct);
        var earlier = campaign.CurrentStage == 1 ? null : await EarlierStages.ForAsync(db, [campaign.Id], ids, campaign.CurrentStage, ct);
        // The latest earlier decision per identity, chosen by the database for this batch only.
        var previous = await db.ReviewItems.AsNoTracking().Where(r => r.Decision != null && r.FinalStage && r.CampaignId != campaign.Id && ids.Contains(r.IdentityId))
            .GroupBy(r => r.IdentityId)
            .Select(g => g.OrderByDescending(r => r.DecidedUtc).ThenByDescending(r => r.Id).Select(r => new { r.IdentityId, r.Decision, r.DecidedUtc, r.DecidedBy }).First())
            .ToDictionaryAsync(r => r.IdentityId, ct);

        var items = new List<ReviewItem>(rows.Count);
        foreach (var r in rows)
        {
            var owner = r.OwnerId is { } o ? new ReviewerCandidate(o, r.Owner!, r.OwnerActive, r.OwnerRoles) : null;
            var lead = r.LeadId is { } l ? leads.GetValueOrDefault(l) : null;
            // Critical as stage 1 judged it: a privilege changed meanwhile does not move an NHI out of the stages it was planned for.
            var critical = earlier is null ? separation.IsCritical(r.PrivilegeLevel) : earlier[(campaign.Id, r.Id)].Any(e => e.Critical);
            var (reviewer, rule) = earlier is null
                ? ReviewRules.Reviewer(owner, lead, campaign.FallbackReviewerId)
                : StageReviewers.For(stage, owner, lead, stage.ReviewerId is { } named ? leads.GetValueOrDefault(named) : null, campaign.FallbackReviewerId,
                    StageSeparation.Excluded(earlier[(campaign.Id, r.Id)].SelectMany(e => e.People), critical, campaign.SeparationOfDuties, r.OwnerId));
            var own = credentials[r.Id].ToList();
            var lastUsed = own.Where(c => c.LastUsedUtc != null).Select(c => c.LastUsedUtc).DefaultIfEmpty(null).Max();
            var previousDecision = previous.GetValueOrDefault(r.Id);
            var evidence = new ReviewEvidence(
                r.HygieneScore, r.HygieneScore is { } s ? HygieneGrades.Of(s).ToString() : null, lastUsed, r.LastActivityUtc, r.LastAttestedUtc, r.Entitlements,
                r.PrivilegeLevel.ToString(), r.IsShared, r.IsBreakGlass, r.IsVendorManaged,
                own.Select(c => new EvidenceCredential(c.Name, c.Kind.ToString(), c.HygieneScore is { } cs ? HygieneGrades.Of(cs).ToString() : null, c.LastUsedUtc)).ToList(),
                previousDecision is null ? null : $"{previousDecision.Decision} by {previousDecision.DecidedBy} on {previousDecision.DecidedUtc:yyyy-MM-dd}");
            items.Add(new ReviewItem
            {
                CampaignId = campaign.Id, IdentityId = r.Id, IdentityName = r.Name, OwnerId = r.OwnerId, OwnerName = r.Owner, TeamName = r.Team,
                ReviewerId = reviewer, ReviewerRule = rule, Stage = campaign.CurrentStage,
                FinalStage = earlier is null ? campaign.CurrentStage == ReviewStagePlan.FinalStageFor(stages, critical) : campaign.CurrentStage == stages.Count,
                Critical = critical, EvidenceScore = r.HygieneScore, EvidenceLastUsedUtc = lastUsed,
                Recommendation = ReviewRules.Recommend(lastUsed, now), HighRisk = r.IsShared || r.IsBreakGlass || r.IsVendorManaged, EvidenceJson = evidence.ToJson(),
            });
        }
        return items;
    }

    /// <summary>Opens the window once every item is frozen: reviewers told once each, the start audited once.</summary>
    private async Task OpenAsync(CampaignStartPayload payload, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var campaign = await db.ReviewCampaigns.SingleOrDefaultAsync(c => c.Id == payload.CampaignId, ct);
        if (campaign is not { Status: CampaignStatus.Starting })
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        campaign.Start(now);
        var perReviewer = await db.ReviewItems.Where(i => i.CampaignId == campaign.Id && i.Stage == campaign.CurrentStage).GroupBy(i => i.ReviewerId)
            .Select(g => new { Reviewer = g.Key, Items = g.Count() }).ToListAsync(ct);
        var notices = perReviewer.Select(r => new ReviewNotifications.Notice(r.Reviewer, NotificationKinds.ReviewAssigned, $"review-assigned:{campaign.Id:N}:{campaign.CurrentStage}:{r.Reviewer:N}",
            $"{r.Items} NHI(s) to review in \"{campaign.Name}\"{StageText(campaign)}",
            $"Confirm each is still needed, or revoke, disable, reduce or reassign it, by {campaign.DeadlineUtc:yyyy-MM-dd HH:mm} UTC. Unanswered items are {ReviewRules.Describe(campaign.Unanswered)}.",
            "/my-reviews")).ToList();
        await ReviewNotifications.NotifyManyAsync(db, notices, now, ct);
        var actor = PortalUser.Requester(payload.RequestedBy, payload.RequestedByName);
        audit.Append(db, AuditStream.Review, campaign.CurrentStage == 1 ? AuditEventTypes.Review.CampaignStarted : AuditEventTypes.Review.StageStarted, actor,
            "ReviewCampaign", campaign.Id.ToString("D"),
            $"\"{campaign.Name}\"{StageText(campaign)} started: {campaign.ItemsBuilt} NHI(s), {perReviewer.Count} reviewer(s), deadline {campaign.DeadlineUtc:yyyy-MM-dd HH:mm} UTC",
            null, new { campaign.Scope, campaign.ScopeValue, campaign.WindowHours, Items = campaign.ItemsBuilt, campaign.Unanswered, Stage = campaign.CurrentStage },
            ReviewCampaign.CorrelationFor(campaign.Id));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static string StageText(ReviewCampaign campaign) => campaign.Stages.Count == 1 ? "" : $", stage {campaign.CurrentStage} of {campaign.Stages.Count}";
}
