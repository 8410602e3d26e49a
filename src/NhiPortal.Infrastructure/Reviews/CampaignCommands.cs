using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>Creating, starting, closing and re-running campaigns: SecurityOperators and Administrators only.</summary>
public sealed class CampaignCommands(
    IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, AuditWriter audit, TimeProvider clock, CampaignStartRequests starts, CampaignCloser closer,
    SeparationOfDutiesPolicy separation, ReviewCadence cadence) : ICampaignCommands
{
    public async Task<Guid> CreateAsync(CampaignDraft draft, bool start = true, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.ManageCampaigns);
        // A risk-based campaign recurs at the shortest cadence, whatever the form said (and is validated as such).
        draft = draft.RiskBasedCadence ? draft with { RecurrenceDays = cadence.RecurrenceDays } : draft;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var problems = await ValidateAsync(db, draft, ct);
        if (problems.Count > 0)
        {
            throw new ValidationException(string.Join(" ", problems));
        }
        var chosen = Chosen(draft);
        var separated = separation.Required || draft.SecondReviewerForCritical;
        var stages = ReviewStagePlan.Plan(chosen, separated, draft.FallbackReviewerId);
        var campaign = new ReviewCampaign
        {
            Name = draft.Name.Trim(), Scope = draft.Scope, ScopeValue = string.IsNullOrWhiteSpace(draft.ScopeValue) ? null : draft.ScopeValue.Trim(),
            WindowHours = stages[0].WindowHours, StagesJson = ReviewStagePlan.Serialize(stages), SeparationOfDuties = separated,
            ReminderPercents = string.Join(',', ReviewRules.ParsePercents(draft.ReminderPercents ?? "50")), EscalateAtPercent = draft.EscalateAtPercent ?? 90,
            FallbackReviewerId = draft.FallbackReviewerId, Unanswered = draft.Unanswered,
            RecurrenceDays = draft.RecurrenceDays, RiskBasedCadence = draft.RiskBasedCadence,
            MoreFallbackReviewers = ReviewCampaign.StoreIds(draft.MoreFallbackReviewers.Where(id => id != draft.FallbackReviewerId)),
            CreatedBy = user.Subject, CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.ReviewCampaigns.Add(campaign);
        audit.Append(db, AuditStream.Review, AuditEventTypes.Review.CampaignCreated, user, "ReviewCampaign", campaign.Id.ToString("D"),
            $"\"{campaign.Name}\" created ({campaign.Scope}{(campaign.ScopeValue is null ? "" : $": {campaign.ScopeValue}")}, {StagesText(stages)}, unanswered: {campaign.Unanswered})",
            null, new { campaign.Scope, campaign.ScopeValue, campaign.WindowHours, Stages = stages, SeparationOfDuties = separated, campaign.ReminderPercents, campaign.EscalateAtPercent,
                campaign.Unanswered, campaign.RecurrenceDays, campaign.RiskBasedCadence, FallbackPool = campaign.FallbackPool },
            ReviewCampaign.CorrelationFor(campaign.Id));
        if (start)
        {
            await starts.RequestAsync(db, campaign, user, null, null, ct);
        }
        await db.SaveChangesAsync(ct);
        return campaign.Id;
    }

    private static IReadOnlyList<ReviewStage> Chosen(CampaignDraft draft) =>
        draft.Stages is { Count: > 0 } stages ? stages : [new ReviewStage(ReviewStageKind.Owner, draft.WindowHours ?? ReviewRules.DefaultWindowFor(draft.Scope))];

    private static string StagesText(IReadOnlyList<ReviewStage> stages) => stages.Count == 1
        ? $"{stages[0].WindowHours} h window"
        : $"{stages.Count} stages: {string.Join(", then ", stages.Select(s => $"{s.Describe(null)} {s.WindowHours} h"))}";

    private static async Task<List<string>> ValidateAsync(NhiPortalDbContext db, CampaignDraft draft, CancellationToken ct)
    {
        var problems = new List<string>();
        if (draft.Stages is { Count: > 0 } && draft.WindowHours is not null)
        {
            problems.Add("Give the window per stage, not for the campaign.");
        }
        if (ReviewStagePlan.Validate(Chosen(draft)) is { } stageProblem)
        {
            problems.Add(stageProblem);
        }
        foreach (var named in Chosen(draft).Select(s => s.ReviewerId).OfType<Guid>().Distinct())
        {
            var person = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == named && s.IsActive, ct);
            if (person is null || !new ReviewerCandidate(person.Id, person.DisplayName, true, person.PortalRoles).CanDecide)
            {
                problems.Add($"{person?.DisplayName ?? "A stage's named reviewer"} cannot review a stage: an active staff member who may decide review items is needed.");
            }
        }
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
        else if (draft.RecurrenceDays is { } every && every * 24 < ReviewStagePlan.TotalHours(Chosen(draft)))
        {
            problems.Add("A recurring campaign repeats only after all its stages' windows have passed.");
        }
        if (draft.ReminderPercents is { Length: > 0 } reminders && ReviewRules.ParsePercents(reminders).Count == 0)
        {
            problems.Add("Reminders are shares of the window between 1 and 99, e.g. 50,75.");
        }
        // Exhaustive (CS8509): a new scope must say how its value is checked.
        var scopeOk = draft.Scope switch
        {
            ReviewScope.Team => Guid.TryParse(draft.ScopeValue, out var team) && await db.Teams.AnyAsync(t => t.Id == team && !t.IsDissolved, ct),
            ReviewScope.Environment => Enum.TryParse<DeploymentEnvironment>(draft.ScopeValue, out var environment) && Enum.IsDefined(environment),
            ReviewScope.Grade => Enum.TryParse<HygieneGrade>(draft.ScopeValue, out var grade) && Enum.IsDefined(grade),
            ReviewScope.OwnerDeparture => false,
            ReviewScope.AllIdentities or ReviewScope.HighRisk => true,
        };
        if (!scopeOk)
        {
            problems.Add(draft.Scope == ReviewScope.OwnerDeparture
                ? "Owner-departure reviews open by themselves when someone is marked as left."
                : $"Choose a valid {draft.Scope.ToString().ToLowerInvariant()} for the scope.");
        }
        var fallback = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == draft.FallbackReviewerId && s.IsActive, ct);
        if (fallback is null)
        {
            problems.Add("The fallback reviewer must be an active staff member.");
        }
        else if (!new ReviewerCandidate(fallback.Id, fallback.DisplayName, true, fallback.PortalRoles).CanDecide)
        {
            // The fallback takes every item nobody else can decide; it must be someone who can.
            problems.Add($"{fallback.DisplayName} cannot decide review items (roles at their last sign-in: {(fallback.PortalRoles is "" ? "none" : fallback.PortalRoles)}); choose another fallback reviewer.");
        }
        await ValidatePoolAsync(db, draft, problems, ct);
        return problems;
    }

    /// <summary>Everyone in the fallback pool may be handed any escalated item, so each must be active and able to decide.</summary>
    private static async Task ValidatePoolAsync(NhiPortalDbContext db, CampaignDraft draft, List<string> problems, CancellationToken ct)
    {
        var more = draft.MoreFallbackReviewers.Where(id => id != draft.FallbackReviewerId).Distinct().ToList();
        if (more.Count > ReviewCampaign.MaxMoreFallbackReviewers)
        {
            problems.Add($"Name at most {ReviewCampaign.MaxMoreFallbackReviewers} more fallback reviewers.");
            return;
        }
        var found = await db.StaffMembers.AsNoTracking().Where(s => more.Contains(s.Id) && s.IsActive).ToListAsync(ct);
        if (found.Count != more.Count)
        {
            problems.Add("Every fallback reviewer must be an active staff member.");
        }
        foreach (var person in found.Where(s => !new ReviewerCandidate(s.Id, s.DisplayName, true, s.PortalRoles).CanDecide))
        {
            problems.Add($"{person.DisplayName} cannot decide review items; take them out of the fallback reviewers.");
        }
    }

    public async Task StartAsync(Guid campaignId, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.ManageCampaigns);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await FindAsync(db, campaignId, ct);
        if (campaign.Status != CampaignStatus.Draft)
        {
            throw new ValidationException("Only a draft campaign can be started.");
        }
        await starts.RequestAsync(db, campaign, user, null, null, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Ends the stage under way now: the next stage's items are frozen, or, in the last stage, the campaign closes.</summary>
    public async Task CloseAsync(Guid campaignId, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.ManageCampaigns);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await FindAsync(db, campaignId, ct);
        if (campaign.Status != CampaignStatus.Active)
        {
            throw new ValidationException("Only an active campaign can be closed.");
        }
        await closer.EndStageAsync(db, campaign, user, ct);
    }

    public async Task<Guid> RerunNonRespondersAsync(Guid campaignId, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.ManageCampaigns);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var previous = await FindAsync(db, campaignId, ct);
        if (previous.Status != CampaignStatus.Closed)
        {
            throw new ValidationException("Only a closed campaign can be re-run for its non-responders.");
        }
        var unanswered = await db.ReviewItems.CountAsync(i => i.CampaignId == campaignId && i.Decision == null && i.FinalStage, ct);
        if (unanswered == 0)
        {
            throw new ValidationException("Every item of this campaign was answered.");
        }
        var rerun = previous.Successor($"{previous.Name} (non-responders)", user.Subject, clock.GetUtcNow().UtcDateTime, separation.Required);
        db.ReviewCampaigns.Add(rerun);
        audit.Append(db, AuditStream.Review, AuditEventTypes.Review.CampaignCreated, user, "ReviewCampaign", rerun.Id.ToString("D"),
            $"\"{rerun.Name}\" re-runs {unanswered} unanswered item(s) of \"{previous.Name}\"", null, new { Parent = previous.Id, Items = unanswered },
            ReviewCampaign.CorrelationFor(rerun.Id));
        // The unanswered items are read by the start itself, as a set: a re-run of 50,000 carries no list of them.
        await starts.RequestAsync(db, rerun, user, null, previous.Id, ct);
        await db.SaveChangesAsync(ct);
        return rerun.Id;
    }

    private static async Task<ReviewCampaign> FindAsync(NhiPortalDbContext db, Guid campaignId, CancellationToken ct) =>
        await db.ReviewCampaigns.SingleOrDefaultAsync(c => c.Id == campaignId, ct) ?? throw new NotFoundException($"Campaign {campaignId}");
}
