using NhiPortal.Core.Reviews;

namespace NhiPortal.Core.Tests.Reviews;

public class ReviewStagePlanTests
{
    private static readonly Guid Fallback = Guid.NewGuid();
    private static readonly Guid Security = Guid.NewGuid();

    [Fact]
    public void Plan_WithSeparationOfDuties_AddsASecondReviewerForCriticalNhisOnly_WhenNoStageFollowsTheOwner()
    {
        var single = ReviewStagePlan.Plan([new ReviewStage(ReviewStageKind.Owner, 72)], separationOfDuties: true, Fallback);
        var twoStages = ReviewStagePlan.Plan([new ReviewStage(ReviewStageKind.Owner, 72), new ReviewStage(ReviewStageKind.TeamLead, 24)], separationOfDuties: true, Fallback);
        var without = ReviewStagePlan.Plan([new ReviewStage(ReviewStageKind.Owner, 72)], separationOfDuties: false, Fallback);

        Assert.Equal(new ReviewStage(ReviewStageKind.Named, 72, Fallback, CriticalOnly: true), single[1]);
        Assert.Equal(2, twoStages.Count);
        Assert.Single(without);
        // A critical NHI ends in the added stage; any other in the owner's.
        Assert.Equal((2, 1), (ReviewStagePlan.FinalStageFor(single, critical: true), ReviewStagePlan.FinalStageFor(single, critical: false)));
        Assert.Equal((2, 2), (ReviewStagePlan.FinalStageFor(twoStages, critical: true), ReviewStagePlan.FinalStageFor(twoStages, critical: false)));
    }

    [Fact]
    public void SerializeAndParse_RoundTrip_AndNoPlanIsTheSingleOwnerStage()
    {
        IReadOnlyList<ReviewStage> stages = [new(ReviewStageKind.Owner, 48), new(ReviewStageKind.TeamLead, 24), new(ReviewStageKind.Named, 12, Security)];

        var json = ReviewStagePlan.Serialize(stages);

        Assert.Equal(stages, ReviewStagePlan.Parse(json, 99));
        Assert.Null(ReviewStagePlan.Serialize([new ReviewStage(ReviewStageKind.Owner, 48)]));
        Assert.Equal([new ReviewStage(ReviewStageKind.Owner, 99)], ReviewStagePlan.Parse(null, 99));
        Assert.Contains("\"TeamLead\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "1 to 3 stages")]
    [InlineData(4, "1 to 3 stages")]
    public void Validate_RefusesTooFewOrTooManyStages(int count, string expected)
    {
        var stages = Enumerable.Range(0, count).Select(i => new ReviewStage(i == 0 ? ReviewStageKind.Owner : ReviewStageKind.TeamLead, 24)).ToList();

        Assert.Contains(expected, ReviewStagePlan.Validate(stages), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RefusesANamedStageWithoutItsReviewer_TheSamePersonTwice_ACriticalOnlyStage_AndABadWindow()
    {
        Assert.Contains("Name the reviewer", ReviewStagePlan.Validate([new(ReviewStageKind.Owner, 24), new(ReviewStageKind.Named, 24)]), StringComparison.Ordinal);
        Assert.Contains("one stage", ReviewStagePlan.Validate([new(ReviewStageKind.Owner, 24), new(ReviewStageKind.Named, 24, Security), new(ReviewStageKind.Named, 24, Security)]),
            StringComparison.Ordinal);
        Assert.Contains("separation of duties", ReviewStagePlan.Validate([new(ReviewStageKind.Owner, 24), new(ReviewStageKind.Named, 24, Security, CriticalOnly: true)]),
            StringComparison.Ordinal);
        Assert.Contains("window", ReviewStagePlan.Validate([new(ReviewStageKind.Owner, 0)]), StringComparison.Ordinal);
        Assert.Contains("first stage is the owners'", ReviewStagePlan.Validate([new(ReviewStageKind.TeamLead, 24), new(ReviewStageKind.Owner, 24)]), StringComparison.Ordinal);
        Assert.Null(ReviewStagePlan.Validate([new(ReviewStageKind.Owner, 24), new(ReviewStageKind.TeamLead, 24), new(ReviewStageKind.Named, 24, Security)]));
    }
}
