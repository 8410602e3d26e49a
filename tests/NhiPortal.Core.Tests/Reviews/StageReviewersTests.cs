using NhiPortal.Core.Reviews;

namespace NhiPortal.Core.Tests.Reviews;

public class StageReviewersTests
{
    private static readonly ReviewerCandidate Owner = new(Guid.NewGuid(), "Olive Owner", true, null);
    private static readonly ReviewerCandidate Lead = new(Guid.NewGuid(), "Lee Lead", true, "Reviewer");
    private static readonly ReviewerCandidate Security = new(Guid.NewGuid(), "Sec Reviewer", true, "SecurityOperator");
    private static readonly Guid Fallback = Guid.NewGuid();

    [Fact]
    public void ATeamLeadStage_PicksTheLead_UnlessTheLeadReviewedAnEarlierStage_ThenTheFallback()
    {
        var stage = new ReviewStage(ReviewStageKind.TeamLead, 24);

        var fresh = StageReviewers.For(stage, Owner, Lead, null, Fallback, new HashSet<Guid> { Owner.Id });
        var leadReviewedBefore = StageReviewers.For(stage, Owner, Lead, null, Fallback, new HashSet<Guid> { Lead.Id });

        Assert.Equal((Lead.Id, "team lead"), fresh);
        Assert.Equal(Fallback, leadReviewedBefore.Reviewer);
        Assert.Contains("skipped team lead Lee Lead: reviewed an earlier stage", leadReviewedBefore.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void ANamedStage_PicksThatPerson_AndAnOwnerStageSkipsAnExcludedOwnerForTheLead()
    {
        Assert.Equal((Security.Id, "named reviewer"), StageReviewers.For(new ReviewStage(ReviewStageKind.Named, 24, Security.Id), Owner, Lead, Security, Fallback, new HashSet<Guid>()));
        var ownerStage = StageReviewers.For(new ReviewStage(ReviewStageKind.Owner, 24), Owner, Lead, null, Fallback, new HashSet<Guid> { Owner.Id });
        Assert.Equal(Lead.Id, ownerStage.Reviewer);
    }

    [Fact]
    public void WhenEveryoneIsExcluded_TheFallbackGetsIt_AndTheRuleSaysToDelegate()
    {
        var (reviewer, rule) = StageReviewers.For(new ReviewStage(ReviewStageKind.Named, 24, Security.Id), Owner, Lead, Security, Fallback,
            new HashSet<Guid> { Security.Id, Fallback });

        Assert.Equal(Fallback, reviewer);
        Assert.Contains("delegate it", rule, StringComparison.Ordinal);
    }

    [Fact]
    public void APersonWhoCannotDecide_IsSkippedWithTheReason()
    {
        var auditor = new ReviewerCandidate(Guid.NewGuid(), "Avery Auditor", true, "Auditor");

        var (reviewer, rule) = StageReviewers.For(new ReviewStage(ReviewStageKind.TeamLead, 24), Owner, auditor, null, Fallback, new HashSet<Guid>());

        Assert.Equal(Fallback, reviewer);
        Assert.Contains("team lead Avery Auditor: cannot decide", rule, StringComparison.Ordinal);
    }
}
