using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>
/// The NHIs a campaign freezes: active, in its scope, created no later than the start was asked for, and only those
/// named (a departure review) or left unanswered by the campaign it re-runs; in a later stage, those the stage before
/// passed on; in a risk-based recurring campaign, only those due under <see cref="ReviewCadence"/>. One query for the
/// count and the build.
/// </summary>
internal static class CampaignScope
{
    public static IQueryable<NonHumanIdentity> Identities(NhiPortalDbContext db, ReviewCampaign campaign, DateTime requestedUtc, IReadOnlyList<Guid>? only, Guid? unansweredOf,
        ReviewCadence cadence)
    {
        if (campaign.CurrentStage > 1)
        {
            // A later stage reviews what the stage before passed on (items that were not final), whatever the scope reads now.
            var previous = campaign.CurrentStage - 1;
            return db.Identities.Where(i => i.LifecycleState == IdentityLifecycleState.Active
                && db.ReviewItems.Any(r => r.CampaignId == campaign.Id && r.Stage == previous && !r.FinalStage && r.IdentityId == i.Id));
        }
        var identities = InScope(db.Identities.Where(i => i.LifecycleState == IdentityLifecycleState.Active && i.CreatedUtc <= requestedUtc), campaign);
        if (only is not null)
        {
            var ids = only.ToList();
            identities = identities.Where(i => ids.Contains(i.Id));
        }
        if (unansweredOf is { } parent)
        {
            identities = identities.Where(i => db.ReviewItems.Any(r => r.CampaignId == parent && r.Decision == null && r.FinalStage && r.IdentityId == i.Id));
        }
        else if (campaign.RiskBasedCadence && only is null)
        {
            // Every stage's window: with a later stage (separation of duties) the last decision comes that much later.
            identities = Due(db, identities, cadence, requestedUtc, ReviewStagePlan.TotalHours(campaign.Stages));
        }
        return identities;
    }

    /// <summary>
    /// The NHIs due under the cadence: no last-stage decision since their tier's cut-off. The tiers are
    /// <see cref="ReviewCadence.DaysFor"/>'s, written out for the database (a test holds the two to the same answer).
    /// </summary>
    private static IQueryable<NonHumanIdentity> Due(NhiPortalDbContext db, IQueryable<NonHumanIdentity> identities, ReviewCadence cadence, DateTime requested, int windowHours)
    {
        var (fFrom, fTo) = HygieneGrades.Range(HygieneGrade.F);
        var (dFrom, dTo) = HygieneGrades.Range(HygieneGrade.D);
        var critical = ReviewCadence.ReviewedSince(requested, cadence.CriticalDays, windowHours);
        var high = ReviewCadence.ReviewedSince(requested, cadence.HighDays, windowHours);
        var medium = ReviewCadence.ReviewedSince(requested, cadence.MediumDays, windowHours);
        var low = ReviewCadence.ReviewedSince(requested, cadence.LowDays, windowHours);
        return identities.Where(i => !db.ReviewItems.Any(r => r.IdentityId == i.Id && r.FinalStage && r.DecidedUtc != null && r.DecidedUtc > (
            i.PrivilegeLevel == PrivilegeLevel.Critical || (i.HygieneScore != null && i.HygieneScore >= fFrom && i.HygieneScore < fTo) ? critical
            : i.PrivilegeLevel == PrivilegeLevel.High || (i.HygieneScore != null && i.HygieneScore >= dFrom && i.HygieneScore < dTo) ? high
            : i.PrivilegeLevel == PrivilegeLevel.Medium ? medium
            : low)));
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
