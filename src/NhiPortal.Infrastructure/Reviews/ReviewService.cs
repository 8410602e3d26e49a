using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Notifications;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Hygiene;

namespace NhiPortal.Infrastructure.Reviews;

public sealed class ReviewService(
    IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, AuditWriter audit, TimeProvider clock, CampaignEngine engine, HygieneRescorer rescorer)
    : IReviewService
{
    public async Task<Guid> CreateAsync(CampaignDraft draft, bool start = true, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.ManageCampaigns);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var problems = await ValidateAsync(db, draft, ct);
        if (problems.Count > 0)
        {
            throw new ValidationException(string.Join(" ", problems));
        }
        var campaign = new ReviewCampaign
        {
            Name = draft.Name.Trim(), Scope = draft.Scope, ScopeValue = string.IsNullOrWhiteSpace(draft.ScopeValue) ? null : draft.ScopeValue.Trim(),
            WindowHours = draft.WindowHours ?? ReviewRules.DefaultWindowFor(draft.Scope),
            ReminderPercents = string.Join(',', ReviewRules.ParsePercents(draft.ReminderPercents ?? "50")), EscalateAtPercent = draft.EscalateAtPercent ?? 90,
            FallbackReviewerId = draft.FallbackReviewerId, Unanswered = draft.Unanswered, RecurrenceDays = draft.RecurrenceDays,
            CreatedBy = user.Subject, CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.ReviewCampaigns.Add(campaign);
        audit.Append(db, AuditStream.Review, AuditEventTypes.Review.CampaignCreated, user, "ReviewCampaign", campaign.Id.ToString("D"),
            $"\"{campaign.Name}\" created ({campaign.Scope}{(campaign.ScopeValue is null ? "" : $": {campaign.ScopeValue}")}, {campaign.WindowHours} h window, unanswered: {campaign.Unanswered})",
            null, new { campaign.Scope, campaign.ScopeValue, campaign.WindowHours, campaign.ReminderPercents, campaign.EscalateAtPercent, campaign.Unanswered, campaign.RecurrenceDays },
            CampaignEngine.Correlation(campaign.Id));
        if (start)
        {
            await engine.StartAsync(db, campaign, user, null, ct);
        }
        await db.SaveChangesAsync(ct);
        return campaign.Id;
    }

    private static async Task<List<string>> ValidateAsync(NhiPortalDbContext db, CampaignDraft draft, CancellationToken ct)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(draft.Name) || draft.Name.Trim().Length is < 3 or > 200)
        {
            problems.Add("Name the campaign (3 to 200 characters).");
        }
        if (draft.WindowHours is { } hours && hours is < 1 or > 24 * 90)
        {
            problems.Add("The window is 1 hour to 90 days.");
        }
        if (draft.EscalateAtPercent is { } escalate && escalate is < 1 or > 99)
        {
            problems.Add("Escalate at 1 to 99% of the window.");
        }
        if (draft.RecurrenceDays is { } days && days is < 1 or > 366)
        {
            problems.Add("A recurring campaign repeats every 1 to 366 days.");
        }
        if (draft.ReminderPercents is { Length: > 0 } reminders && ReviewRules.ParsePercents(reminders).Count == 0)
        {
            problems.Add("Reminders are shares of the window between 1 and 99, e.g. 50,75.");
        }
        var scopeOk = draft.Scope switch
        {
            ReviewScope.Team => Guid.TryParse(draft.ScopeValue, out var team) && await db.Teams.AnyAsync(t => t.Id == team && !t.IsDissolved, ct),
            ReviewScope.Environment => Enum.TryParse<DeploymentEnvironment>(draft.ScopeValue, out var environment) && Enum.IsDefined(environment),
            ReviewScope.Grade => Enum.TryParse<HygieneGrade>(draft.ScopeValue, out var grade) && Enum.IsDefined(grade),
            ReviewScope.OwnerDeparture => false,
            _ => true,
        };
        if (!scopeOk)
        {
            problems.Add(draft.Scope == ReviewScope.OwnerDeparture
                ? "Owner-departure reviews open by themselves when someone is marked as left."
                : $"Choose a valid {draft.Scope.ToString().ToLowerInvariant()} for the scope.");
        }
        if (!await db.StaffMembers.AnyAsync(s => s.Id == draft.FallbackReviewerId && s.IsActive, ct))
        {
            problems.Add("The fallback reviewer must be an active staff member.");
        }
        return problems;
    }

    public async Task StartAsync(Guid campaignId, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.ManageCampaigns);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await db.ReviewCampaigns.SingleOrDefaultAsync(c => c.Id == campaignId, ct) ?? throw new NotFoundException($"Campaign {campaignId}");
        if (campaign.Status != CampaignStatus.Draft)
        {
            throw new ValidationException("Only a draft campaign can be started.");
        }
        await engine.StartAsync(db, campaign, user, null, ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task CloseAsync(Guid campaignId, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.ManageCampaigns);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await db.ReviewCampaigns.SingleOrDefaultAsync(c => c.Id == campaignId, ct) ?? throw new NotFoundException($"Campaign {campaignId}");
        if (campaign.Status != CampaignStatus.Active)
        {
            throw new ValidationException("Only an active campaign can be closed.");
        }
        await engine.CloseAsync(db, campaign, user, ct);
    }

    public async Task<Guid> RerunNonRespondersAsync(Guid campaignId, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.ManageCampaigns);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var previous = await db.ReviewCampaigns.SingleOrDefaultAsync(c => c.Id == campaignId, ct) ?? throw new NotFoundException($"Campaign {campaignId}");
        if (previous.Status != CampaignStatus.Closed)
        {
            throw new ValidationException("Only a closed campaign can be re-run for its non-responders.");
        }
        var identities = await db.ReviewItems.Where(i => i.CampaignId == campaignId && i.Decision == null).Select(i => i.IdentityId).ToListAsync(ct);
        if (identities.Count == 0)
        {
            throw new ValidationException("Every item of this campaign was answered.");
        }
        var rerun = new ReviewCampaign
        {
            Name = $"{previous.Name} (non-responders)", Scope = previous.Scope, ScopeValue = previous.ScopeValue, WindowHours = previous.WindowHours,
            ReminderPercents = previous.ReminderPercents, EscalateAtPercent = previous.EscalateAtPercent, FallbackReviewerId = previous.FallbackReviewerId,
            Unanswered = previous.Unanswered, CreatedBy = user.Subject, CreatedUtc = clock.GetUtcNow().UtcDateTime, ParentCampaignId = previous.Id,
        };
        db.ReviewCampaigns.Add(rerun);
        audit.Append(db, AuditStream.Review, AuditEventTypes.Review.CampaignCreated, user, "ReviewCampaign", rerun.Id.ToString("D"),
            $"\"{rerun.Name}\" re-runs {identities.Count} unanswered item(s) of \"{previous.Name}\"", null, new { Parent = previous.Id, Items = identities.Count },
            CampaignEngine.Correlation(rerun.Id));
        await engine.StartAsync(db, rerun, user, identities, ct);
        await db.SaveChangesAsync(ct);
        return rerun.Id;
    }

    public async Task<IReadOnlyList<CampaignRow>> ListAsync(CancellationToken ct = default)
    {
        await DemandOversightAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Rows(db.ReviewCampaigns.OrderByDescending(c => c.CreatedUtc)).ToListAsync(ct);
    }

    private static IQueryable<CampaignRow> Rows(IQueryable<ReviewCampaign> campaigns) => campaigns.AsNoTracking().Select(c => new CampaignRow(
        c.Id, c.Name, c.Scope, c.ScopeValue, c.Status, c.StartedUtc, c.DeadlineUtc, c.Unanswered,
        c.Items.Count, c.Items.Count(i => i.Decision != null), c.Items.Count(i => i.Status == ReviewItemStatus.Pending),
        c.Items.Count(i => i.Status == ReviewItemStatus.Escalated),
        // Unanswered stays unanswered after its remediation: count by the missing decision, not the current status.
        c.Items.Count(i => i.Decision == null && (i.Status == ReviewItemStatus.NoResponse || i.Status == ReviewItemStatus.Remediated || i.Status == ReviewItemStatus.RemediationFailed)),
        c.Items.Count(i => i.Status == ReviewItemStatus.Remediated), c.ParentCampaignId, c.RecurrenceDays));

    public async Task<CampaignProgress> GetProgressAsync(Guid campaignId, CancellationToken ct = default)
    {
        await DemandOversightAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await Rows(db.ReviewCampaigns.Where(c => c.Id == campaignId)).SingleOrDefaultAsync(ct) ?? throw new NotFoundException($"Campaign {campaignId}");
        var items = await ViewsAsync(db, db.ReviewItems.AsNoTracking().Where(i => i.CampaignId == campaignId), ct);
        GroupProgress Group(IGrouping<string, ReviewItemView> g) => new(g.Key, g.Count(), g.Count(i => i.Decision != null),
            g.Count(i => i.Status == ReviewItemStatus.Pending), g.Count(i => i.Status == ReviewItemStatus.Escalated));
        var signals = row.StartedUtc is { } start && row.DeadlineUtc is { } deadline
            ? RubberStampSignals.From(items.Where(i => i.DecidedUtc != null).Select(i => (i.DecidedBy!, i.DecidedUtc!.Value, i.Decision!.Value)), start, deadline)
            : new RubberStampSignals(null, 0, 0, 0);
        return new CampaignProgress(row, items.GroupBy(i => i.ReviewerName).Select(Group).OrderByDescending(g => g.Pending + g.Escalated).ToList(),
            items.GroupBy(i => i.TeamName ?? "(no team)").Select(Group).OrderBy(g => g.Name, StringComparer.Ordinal).ToList(), signals, items);
    }

    public async Task<IReadOnlyList<ReviewItemView>> MyQueueAsync(bool includeDecided = false, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.DecideReviewItems);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var me = await StaffIdAsync(db, user, ct);
        if (me is null)
        {
            return [];
        }
        var query = db.ReviewItems.AsNoTracking().Where(i => db.ReviewCampaigns.Any(c => c.Id == i.CampaignId && c.Status == CampaignStatus.Active)
            && (i.ReviewerId == me || (i.Status == ReviewItemStatus.Escalated && db.ReviewCampaigns.Any(c => c.Id == i.CampaignId && c.FallbackReviewerId == me))));
        if (!includeDecided)
        {
            query = query.Where(i => i.Status == ReviewItemStatus.Pending || i.Status == ReviewItemStatus.Escalated);
        }
        // Riskiest first: the lowest hygiene score, then the nearest deadline.
        return (await ViewsAsync(db, query, ct)).OrderBy(i => i.Decision != null).ThenBy(i => i.EvidenceScore ?? 101).ThenBy(i => i.DeadlineUtc).ToList();
    }

    private static async Task<List<ReviewItemView>> ViewsAsync(NhiPortalDbContext db, IQueryable<ReviewItem> items, CancellationToken ct)
    {
        var rows = await items.Join(db.ReviewCampaigns, i => i.CampaignId, c => c.Id, (i, c) => new { i, c.Name, c.DeadlineUtc })
            .Join(db.StaffMembers, x => x.i.ReviewerId, s => s.Id, (x, s) => new { x.i, x.Name, x.DeadlineUtc, Reviewer = s.DisplayName })
            .ToListAsync(ct);
        var delegators = await CampaignEngine.ReviewerNamesAsync(db, rows.Where(r => r.i.DelegatedFromId != null).Select(r => r.i.DelegatedFromId!.Value), ct);
        return rows.Select(r => new ReviewItemView(r.i.Id, r.i.CampaignId, r.Name, r.i.IdentityId, r.i.IdentityName, r.i.OwnerName, r.i.TeamName, r.Reviewer,
            r.i.ReviewerRule, r.i.Status, r.i.Decision, r.i.Justification, r.i.DecidedBy, r.i.DecidedUtc, r.i.EvidenceScore, r.i.EvidenceLastUsedUtc,
            r.i.Recommendation, r.i.HighRisk, r.DeadlineUtc ?? DateTime.MaxValue, r.i.DelegatedFromId is { } d ? delegators.GetValueOrDefault(d) : null,
            r.i.Version, r.i.EvidenceJson, r.i.FollowUp, r.i.RemediationRunId)).ToList();
    }

    public async Task DecideAsync(DecisionRequest request, CancellationToken ct = default) => await DecideManyAsync([request], ct);

    public async Task<int> DecideManyAsync(IReadOnlyList<DecisionRequest> requests, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.DecideReviewItems);
        if (requests.Count is 0 or > 1_000)
        {
            throw new ValidationException("Decide between 1 and 1,000 items at a time.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var me = await StaffIdAsync(db, user, ct) ?? throw new AccessDeniedException(user, Capability.DecideReviewItems);
        var ids = requests.Select(r => r.ItemId).Distinct().ToList();
        var items = await db.ReviewItems.Where(i => ids.Contains(i.Id)).ToListAsync(ct);
        if (items.Count != ids.Count)
        {
            throw new NotFoundException($"{ids.Count - items.Count} of the review items");
        }
        var byId = items.ToDictionary(i => i.Id);
        var campaigns = await db.ReviewCampaigns.Where(c => items.Select(i => i.CampaignId).Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        // Keeps and reassignments change their identities: load those once, not one query per decision.
        var changing = requests.Where(r => r.Decision is ReviewDecision.Keep or ReviewDecision.ReassignOwner).Select(r => byId[r.ItemId].IdentityId).Distinct().ToList();
        var identities = await db.Identities.Include(i => i.Owner).Where(i => changing.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var decided = new List<(ReviewItem Item, DecisionRequest Request)>();
        foreach (var request in requests)
        {
            var item = byId[request.ItemId];
            var campaign = campaigns[item.CampaignId];
            if (campaign.Status != CampaignStatus.Active)
            {
                throw new ValidationException($"{item.IdentityName}: the campaign \"{campaign.Name}\" is {campaign.Status.ToString().ToLowerInvariant()}.");
            }
            var mayDecide = item.ReviewerId == me || (item.Status == ReviewItemStatus.Escalated && campaign.FallbackReviewerId == me);
            if (!mayDecide)
            {
                throw new AccessDeniedException(user, Capability.DecideReviewItems);
            }
            if (item.Status is not (ReviewItemStatus.Pending or ReviewItemStatus.Escalated) || item.Version != request.Version)
            {
                throw new ReviewConflictException(item.DecidedBy is null
                    ? $"{item.IdentityName} changed since you opened it (delegated or escalated). Reload to see it as it is now."
                    : $"{item.IdentityName} was already decided by {item.DecidedBy} at {item.DecidedUtc:HH:mm:ss} UTC ({item.Decision}). Nothing was overwritten.");
            }
            if (ReviewRules.ValidateDecision(request.Decision, request.Justification, item.HighRisk, request.NewOwnerId) is { } problem)
            {
                throw new ValidationException($"{item.IdentityName}: {problem}");
            }
            if (request.Decision == ReviewDecision.ReassignOwner && !await db.StaffMembers.AnyAsync(s => s.Id == request.NewOwnerId && s.IsActive, ct))
            {
                throw new ValidationException($"{item.IdentityName}: the new owner must be an active staff member.");
            }
            item.Status = ReviewItemStatus.Decided;
            item.Decision = request.Decision;
            item.Justification = string.IsNullOrWhiteSpace(request.Justification) ? null : request.Justification.Trim();
            item.DecidedBy = user.Subject;
            item.DecidedUtc = now;
            item.NewOwnerId = request.NewOwnerId;
            item.FollowUp = request.Decision == ReviewDecision.ReduceAccess;
            item.Version++;
            audit.Append(db, AuditStream.Review, AuditEventTypes.Review.ItemDecided, user, "ReviewItem", item.Id.ToString(CultureInfo.InvariantCulture),
                $"{item.IdentityName}: {request.Decision}{(item.Justification is null ? "" : $". Justification: {item.Justification}")}",
                null, new { Decision = request.Decision.ToString(), item.Justification, Evidence = new { item.EvidenceScore, item.EvidenceLastUsedUtc, item.Recommendation } },
                CampaignEngine.Correlation(item.CampaignId));
            await ApplyIdentityChangeAsync(db, identities, item, request, user, now, ct);
            decided.Add((item, request));
        }
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new ReviewConflictException("Another reviewer decided one of these items a moment ago. Nothing was saved; reload to see their decision.");
            }
            await transaction.CommitAsync(ct);
        }
        // Revocations run after the decisions are safely recorded, on the decider's behalf.
        foreach (var (item, request) in decided.Where(d => d.Request.Decision is ReviewDecision.RevokeCredentials or ReviewDecision.DisableIdentity))
        {
            await engine.RemediateAsync(db, item, campaigns[item.CampaignId], request.Decision == ReviewDecision.DisableIdentity, user,
                $"Access review \"{campaigns[item.CampaignId].Name}\": {request.Decision} by {user.DisplayName}. {item.Justification}", ct);
        }
        var touched = decided.Where(d => d.Request.Decision is ReviewDecision.Keep or ReviewDecision.ReassignOwner).Select(d => d.Item.IdentityId).Distinct().ToList();
        await rescorer.RescoreIdentitiesAsync(touched, ct);
        return decided.Count;
    }

    /// <summary>A keep is the owner's attestation; a reassignment moves ownership: both are identity events.</summary>
    private async Task ApplyIdentityChangeAsync(NhiPortalDbContext db, Dictionary<Guid, NonHumanIdentity> identities, ReviewItem item, DecisionRequest request,
        PortalUser user, DateTime now, CancellationToken ct)
    {
        if (request.Decision is not (ReviewDecision.Keep or ReviewDecision.ReassignOwner))
        {
            return;
        }
        var identity = identities[item.IdentityId];
        var key = AuditWriter.TargetKey(identity.Id);
        if (request.Decision == ReviewDecision.Keep)
        {
            var before = new { identity.LastAttestedUtc };
            identity.LastAttestedUtc = now;
            audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.Attested, user, "Identity", key,
                $"{identity.Name}: kept in access review by {user.DisplayName}", before, new { LastAttestedUtc = now }, CampaignEngine.Correlation(item.CampaignId));
            return;
        }
        var newOwner = await db.StaffMembers.SingleAsync(s => s.Id == request.NewOwnerId, ct);
        var previous = new { Owner = identity.Owner?.DisplayName, identity.OwnerId };
        identity.OwnerId = newOwner.Id;
        audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.OwnerChanged, user, "Identity", key,
            $"{identity.Name}: owner reassigned in access review from {previous.Owner ?? "none"} to {newOwner.DisplayName}",
            previous, new { Owner = newOwner.DisplayName, OwnerId = newOwner.Id }, CampaignEngine.Correlation(item.CampaignId));
    }

    public async Task DelegateAsync(long itemId, int version, Guid toStaffId, string reason, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.DecideReviewItems);
        if (!Reasons.IsGiven(reason))
        {
            throw new ValidationException("Say why you delegate (at least 5 characters).");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var me = await StaffIdAsync(db, user, ct) ?? throw new AccessDeniedException(user, Capability.DecideReviewItems);
        var item = await db.ReviewItems.SingleOrDefaultAsync(i => i.Id == itemId, ct) ?? throw new NotFoundException($"Review item {itemId}");
        var campaign = await db.ReviewCampaigns.SingleAsync(c => c.Id == item.CampaignId, ct);
        if (item.ReviewerId != me && !(item.Status == ReviewItemStatus.Escalated && campaign.FallbackReviewerId == me))
        {
            throw new AccessDeniedException(user, Capability.DecideReviewItems);
        }
        if (item.Status is not (ReviewItemStatus.Pending or ReviewItemStatus.Escalated) || item.Version != version || campaign.Status != CampaignStatus.Active)
        {
            throw new ReviewConflictException($"{item.IdentityName} changed since you opened it. Reload to see it as it is now.");
        }
        var delegate_ = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == toStaffId && s.IsActive, ct)
            ?? throw new ValidationException("Delegate to an active staff member.");
        if (delegate_.Id == item.ReviewerId)
        {
            throw new ValidationException($"{delegate_.DisplayName} already reviews this item.");
        }
        item.DelegatedFromId = item.ReviewerId;
        item.ReviewerId = delegate_.Id;
        item.ReviewerRule = "delegate";
        item.DelegationReason = reason.Trim();
        item.Version++;
        var now = clock.GetUtcNow().UtcDateTime;
        audit.Append(db, AuditStream.Review, AuditEventTypes.Review.ItemDelegated, user, "ReviewItem", item.Id.ToString(CultureInfo.InvariantCulture),
            $"{item.IdentityName}: delegated by {user.DisplayName} to {delegate_.DisplayName}. Reason: {item.DelegationReason}", null,
            new { Delegate = delegate_.DisplayName, DelegateId = delegate_.Id }, CampaignEngine.Correlation(item.CampaignId));
        CampaignEngine.Notify(db, delegate_.Id, NotificationKinds.ReviewAssigned, $"review-delegated:{item.Id}:{item.Version}",
            $"{user.DisplayName} delegated the review of {item.IdentityName} to you", $"Reason: {item.DelegationReason}. Decide by {campaign.DeadlineUtc:yyyy-MM-dd HH:mm} UTC.",
            "/my-reviews", now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ReviewConflictException($"{item.IdentityName} was decided or delegated by someone else a moment ago. Reload.");
        }
    }

    private async Task DemandOversightAsync()
    {
        var user = await currentUser.GetAsync();
        if (!user.Can(Capability.ManageCampaigns) && user.ScopeFor(Capability.ViewAudit) != AccessScope.Everything)
        {
            throw new AccessDeniedException(user, Capability.ManageCampaigns);
        }
    }

    private static Task<Guid?> StaffIdAsync(NhiPortalDbContext db, PortalUser user, CancellationToken ct) =>
        db.StaffMembers.IdOfAsync(user.Subject, activeOnly: true, ct);
}
