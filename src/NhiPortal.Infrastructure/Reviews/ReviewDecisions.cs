using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Notifications;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>
/// Deciding and delegating review items. Decisions commit in one transaction with everything that follows from
/// them: identity changes and their events, the rescore, and the revocation a revoke or disable decision asks for
/// (an outbox row the dispatcher turns into a run), so a recorded decision is never left without its remediation.
/// In a campaign of several stages only an identity's last stage is carried out; an earlier stage's answer is recorded
/// and shown to the next reviewer, who may overturn it, and nobody who reviewed an earlier stage decides a later one.
/// </summary>
public sealed class ReviewDecisions(
    IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, AuditWriter audit, TimeProvider clock, ReviewRemediations remediations,
    FollowUps followUps, ReviewWorkItems workItems) : IReviewDecisions
{
    public const int MaxPerCall = 1_000;

    public async Task DecideAsync(DecisionRequest request, CancellationToken ct = default) => await DecideManyAsync([request], ct);

    public async Task<int> DecideManyAsync(IReadOnlyList<DecisionRequest> requests, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.DecideReviewItems);
        if (requests.Count is 0 or > MaxPerCall)
        {
            throw new ValidationException($"Decide between 1 and {MaxPerCall:N0} items at a time.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var me = await db.StaffMembers.IdOfAsync(user.ScopeSubject, activeOnly: true, ct) ?? throw new AccessDeniedException(user, Capability.DecideReviewItems);
        var ids = requests.Select(r => r.ItemId).Distinct().ToList();
        var items = await db.ReviewItems.Where(i => ids.Contains(i.Id)).ToListAsync(ct);
        if (items.Count != ids.Count)
        {
            throw new NotFoundException($"{ids.Count - items.Count} of the review items");
        }
        var byId = items.ToDictionary(i => i.Id);
        var campaigns = await db.ReviewCampaigns.Where(c => items.Select(i => i.CampaignId).Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        // Keeps and reassignments change their identities: load those once, not one query per decision.
        var changing = requests.Where(r => r.Decision is ReviewDecision.Keep or ReviewDecision.ReassignOwner && byId[r.ItemId].FinalStage)
            .Select(r => byId[r.ItemId].IdentityId).Distinct().ToList();
        var earlier = await EarlierStagesAsync(db, items, ct);
        var identities = await db.Identities.Include(i => i.Owner).Where(i => changing.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var newOwners = requests.Where(r => r.NewOwnerId is not null).Select(r => r.NewOwnerId!.Value).Distinct().ToList();
        var owners = await db.StaffMembers.Where(s => newOwners.Contains(s.Id) && s.IsActive).ToDictionaryAsync(s => s.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var request in requests)
        {
            var item = byId[request.ItemId];
            var campaign = campaigns[item.CampaignId];
            Check(item, campaign, request, me, user, owners);
            CheckSeparation(item, campaign, me, earlier);
            item.Decide(request.Decision, request.Justification, user.Subject, now, request.NewOwnerId, me);
            var stage = campaign.Stages.Count == 1 ? "" : item.FinalStage ? $"stage {item.Stage}: " : $"stage {item.Stage}, passed on to stage {item.Stage + 1}: ";
            audit.Append(db, AuditStream.Review, AuditEventTypes.Review.ItemDecided, user, "ReviewItem", item.Id.ToString(CultureInfo.InvariantCulture),
                $"{item.IdentityName}: {stage}{request.Decision}{(item.Justification is null ? "" : $". Justification: {item.Justification}")}",
                null, new { Decision = request.Decision.ToString(), item.Justification, item.Stage, item.FinalStage,
                    Evidence = new { item.EvidenceScore, item.EvidenceLastUsedUtc, item.Recommendation } },
                ReviewCampaign.CorrelationFor(item.CampaignId));
            if (!item.FinalStage)
            {
                continue;
            }
            if (request.Decision is ReviewDecision.Keep or ReviewDecision.ReassignOwner)
            {
                ApplyIdentityChange(db, identities[item.IdentityId], item, request, owners, user, now);
            }
            if (request.Decision is ReviewDecision.RevokeCredentials or ReviewDecision.DisableIdentity)
            {
                await remediations.PlanForDecisionAsync(db, item, campaign, user, ct);
            }
            if (request.Decision == ReviewDecision.ReduceAccess)
            {
                var ownerActive = item.OwnerId is { } owner && await db.StaffMembers.AnyAsync(m => m.Id == owner && m.IsActive, ct);
                workItems.OpenForReduction(db, item, campaign, ownerActive, user, now);
            }
        }
        followUps.Rescore(db, user, identities.Keys, "kept or reassigned in an access review");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException conflict)
        {
            // Name the items that lost the race, as the check before saving does, so the reviewer knows which to reload.
            var names = conflict.Entries.Select(e => e.Entity).OfType<ReviewItem>().Select(i => i.IdentityName).Distinct().ToList();
            var which = names.Count == 0 ? "one of these items" : string.Join(", ", names);
            throw new ReviewConflictException($"Another reviewer decided {which} a moment ago. Nothing was saved; reload to see their decision.");
        }
        await transaction.CommitAsync(ct);
        return requests.Count;
    }

    private static void Check(ReviewItem item, ReviewCampaign campaign, DecisionRequest request, Guid me, PortalUser user, Dictionary<Guid, Core.Ownership.StaffMember> owners)
    {
        if (campaign.Status != CampaignStatus.Active)
        {
            throw new ValidationException($"{item.IdentityName}: the campaign \"{campaign.Name}\" is {campaign.Status.ToString().ToLowerInvariant()}.");
        }
        if (!MayDecide(item, campaign, me))
        {
            throw new AccessDeniedException(user, Capability.DecideReviewItems);
        }
        if (!item.IsOpen || item.Version != request.Version)
        {
            throw new ReviewConflictException(item.DecidedBy is null
                ? $"{item.IdentityName} changed since you opened it (delegated or escalated). Reload to see it as it is now."
                : $"{item.IdentityName} was already decided by {item.DecidedBy} at {item.DecidedUtc:HH:mm:ss} UTC ({item.Decision}). Nothing was overwritten.");
        }
        if (ReviewRules.ValidateDecision(request.Decision, request.Justification, item.HighRisk, request.NewOwnerId) is { } problem)
        {
            throw new ValidationException($"{item.IdentityName}: {problem}");
        }
        if (request.Decision == ReviewDecision.ReassignOwner && !owners.ContainsKey(request.NewOwnerId!.Value))
        {
            throw new ValidationException($"{item.IdentityName}: the new owner must be an active staff member.");
        }
    }

    /// <summary>The earlier stages of the later-stage items among <paramref name="items"/>, by (campaign, identity).</summary>
    private static Task<ILookup<(Guid Campaign, Guid Identity), EarlierStages.Participation>> EarlierStagesAsync(
        NhiPortalDbContext db, IReadOnlyList<ReviewItem> items, CancellationToken ct)
    {
        var later = items.Where(i => i.Stage > 1).ToList();
        return EarlierStages.ForAsync(db, later.Select(i => i.CampaignId).Distinct().ToList(), later.Select(i => i.IdentityId).Distinct().ToList(),
            later.Count == 0 ? 1 : later.Max(i => i.Stage), ct);
    }

    /// <summary>Separation of duties keeps <paramref name="person"/> from a later stage's item: they took part in an earlier stage of it, or own it and it is critical.</summary>
    private static bool IsBarred(ReviewItem item, ReviewCampaign campaign, Guid person, ILookup<(Guid Campaign, Guid Identity), EarlierStages.Participation> earlier) =>
        item.Stage > 1 && (StageSeparation.OwnsCritical(person, item.Critical, campaign.SeparationOfDuties, item.OwnerId)
            || earlier[(item.CampaignId, item.IdentityId)].Any(e => e.Stage < item.Stage && e.People.Contains(person)));

    private static void CheckSeparation(ReviewItem item, ReviewCampaign campaign, Guid me,
        ILookup<(Guid Campaign, Guid Identity), EarlierStages.Participation> earlier)
    {
        if (IsBarred(item, campaign, me, earlier))
        {
            var ownsCritical = StageSeparation.OwnsCritical(me, item.Critical, campaign.SeparationOfDuties, item.OwnerId);
            throw new ValidationException($"{item.IdentityName}: {(ownsCritical ? "you own this critical NHI" : "you reviewed an earlier stage of it")}, so stage {item.Stage} needs someone else (separation of duties). Delegate it.");
        }
    }

    private static bool MayDecide(ReviewItem item, ReviewCampaign campaign, Guid me) =>
        item.ReviewerId == me || (item.Status == ReviewItemStatus.Escalated && item.WithFallbacks && campaign.FallbackPool.Contains(me));

    /// <summary>A keep is the owner's attestation; a reassignment moves ownership: both are identity events.</summary>
    private void ApplyIdentityChange(NhiPortalDbContext db, NonHumanIdentity identity, ReviewItem item, DecisionRequest request,
        Dictionary<Guid, Core.Ownership.StaffMember> owners, PortalUser user, DateTime now)
    {
        var key = AuditWriter.TargetKey(identity.Id);
        var correlation = ReviewCampaign.CorrelationFor(item.CampaignId);
        if (request.Decision == ReviewDecision.Keep)
        {
            var before = new { identity.LastAttestedUtc };
            identity.LastAttestedUtc = now;
            audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.Attested, user, "Identity", key,
                $"{identity.Name}: kept in access review by {user.DisplayName}", before, new { LastAttestedUtc = now }, correlation);
            return;
        }
        var newOwner = owners[request.NewOwnerId!.Value];
        var previous = new { Owner = identity.Owner?.DisplayName, identity.OwnerId };
        identity.OwnerId = newOwner.Id;
        identity.Version++;
        audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.OwnerChanged, user, "Identity", key,
            $"{identity.Name}: owner reassigned in access review from {previous.Owner ?? "none"} to {newOwner.DisplayName}",
            previous, new { Owner = newOwner.DisplayName, OwnerId = newOwner.Id }, correlation);
    }

    public async Task DelegateAsync(long itemId, int version, Guid toStaffId, string reason, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.DecideReviewItems);
        reason = Reasons.Require(reason, "Say why you delegate");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var me = await db.StaffMembers.IdOfAsync(user.ScopeSubject, activeOnly: true, ct) ?? throw new AccessDeniedException(user, Capability.DecideReviewItems);
        var item = await db.ReviewItems.SingleOrDefaultAsync(i => i.Id == itemId, ct) ?? throw new NotFoundException($"Review item {itemId}");
        var campaign = await db.ReviewCampaigns.SingleAsync(c => c.Id == item.CampaignId, ct);
        if (!MayDecide(item, campaign, me))
        {
            throw new AccessDeniedException(user, Capability.DecideReviewItems);
        }
        if (!item.IsOpen || item.Version != version || campaign.Status != CampaignStatus.Active)
        {
            throw new ReviewConflictException($"{item.IdentityName} changed since you opened it. Reload to see it as it is now.");
        }
        var delegate_ = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == toStaffId && s.IsActive, ct)
            ?? throw new ValidationException("Delegate to an active staff member.");
        if (!new ReviewerCandidate(delegate_.Id, delegate_.DisplayName, true, delegate_.PortalRoles).CanDecide)
        {
            throw new ValidationException($"{delegate_.DisplayName} cannot decide review items (no deciding role at their last sign-in).");
        }
        if (delegate_.Id == item.ReviewerId)
        {
            throw new ValidationException($"{delegate_.DisplayName} already reviews this item.");
        }
        var earlier = await EarlierStagesAsync(db, [item], ct);
        if (IsBarred(item, campaign, delegate_.Id, earlier))
        {
            throw new ValidationException($"{delegate_.DisplayName} reviewed an earlier stage of {item.IdentityName} or owns it: stage {item.Stage} needs someone else (separation of duties).");
        }
        item.DelegateTo(delegate_.Id, reason);
        audit.Append(db, AuditStream.Review, AuditEventTypes.Review.ItemDelegated, user, "ReviewItem", item.Id.ToString(CultureInfo.InvariantCulture),
            $"{item.IdentityName}: delegated by {user.DisplayName} to {delegate_.DisplayName}. Reason: {item.DelegationReason}", null,
            new { Delegate = delegate_.DisplayName, DelegateId = delegate_.Id, Reason = reason }, ReviewCampaign.CorrelationFor(item.CampaignId));
        ReviewNotifications.Notify(db, delegate_.Id, NotificationKinds.ReviewAssigned, $"review-delegated:{item.Id}:{item.Version}",
            $"{user.DisplayName} delegated the review of {item.IdentityName} to you", $"Reason: {item.DelegationReason}. Decide by {campaign.DeadlineUtc:yyyy-MM-dd HH:mm} UTC.",
            "/my-reviews", clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ReviewConflictException($"{item.IdentityName} was decided or delegated by someone else a moment ago. Reload.");
        }
    }
}
