using NhiPortal.Core.Reviews;

namespace NhiPortal.Core.Tests.Reviews;

public class ReviewRulesTests
{
    private static readonly DateTime Start = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Deadline = ReviewRules.Deadline(Start, 100);

    [Fact]
    public void Windows_DefaultToSevenDays_FortyEightHoursForHighRisk_SeventyTwoForADeparture()
    {
        Assert.Equal(168, ReviewRules.DefaultWindowFor(ReviewScope.AllIdentities));
        Assert.Equal(48, ReviewRules.DefaultWindowFor(ReviewScope.HighRisk));
        Assert.Equal(72, ReviewRules.DefaultWindowFor(ReviewScope.OwnerDeparture));
        Assert.Equal(Start.AddHours(100), Deadline);
    }

    [Fact]
    public void Reviewer_IsTheOwner_ThenTheTeamLead_ThenTheFallback()
    {
        Guid owner = Guid.NewGuid(), lead = Guid.NewGuid(), fallback = Guid.NewGuid();
        Assert.Equal((owner, "owner"), ReviewRules.Reviewer(owner, true, lead, true, fallback));
        Assert.Equal((lead, "team lead"), ReviewRules.Reviewer(owner, false, lead, true, fallback));
        Assert.Equal((lead, "team lead"), ReviewRules.Reviewer(null, false, lead, true, fallback));
        Assert.Equal((fallback, "fallback"), ReviewRules.Reviewer(owner, false, lead, false, fallback));
        Assert.Equal((fallback, "fallback"), ReviewRules.Reviewer(null, false, null, false, fallback));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(49.9, 0)]
    [InlineData(50, 1)]
    [InlineData(74.9, 1)]
    [InlineData(75, 2)]
    [InlineData(120, 2)]
    public void Reminders_AreDueAtTheirShareOfTheWindow(double hoursIn, int expected) =>
        Assert.Equal(expected, ReviewRules.RemindersDue(Start, Deadline, Start.AddHours(hoursIn), ReviewRules.ParsePercents("75, 50,abc,150")));

    [Theory]
    [InlineData(89.9, 90, 0)]
    [InlineData(90, 90, 1)]
    [InlineData(93.3, 90, 1)]
    [InlineData(93.34, 90, 2)]
    [InlineData(96.67, 90, 3)]
    [InlineData(150, 90, 3)]
    [InlineData(49.9, 50, 0)]
    [InlineData(66.67, 50, 2)]
    [InlineData(83.34, 50, 3)]
    [InlineData(99, 0, 0)]
    public void Escalation_PointsStartAtTheShare_AndSpreadOverWhatIsLeft(double hoursIn, int percent, int expected) =>
        Assert.Equal(expected, ReviewRules.EscalationPointsPassed(Start, Deadline, Start.AddHours(hoursIn), percent));

    [Fact]
    public void EscalationPercents_DescribeThePointsTheClockUses()
    {
        Assert.Equal([90, 93.33, 96.67], ReviewRules.EscalationPercents(90).Select(p => Math.Round(p, 2)));
        Assert.Empty(ReviewRules.EscalationPercents(0));
        var points = ReviewRules.EscalationPercents(60);
        Assert.All(points.Select((p, k) => (p, k)), x =>
            Assert.Equal(x.k + 1, ReviewRules.EscalationPointsPassed(Start, Deadline, Start.AddHours(x.p + 0.01), 60)));
    }

    [Fact]
    public void Campaign_ExpiresAtTheDeadline()
    {
        Assert.False(ReviewRules.Expired(Deadline, Deadline.AddTicks(-1)));
        Assert.True(ReviewRules.Expired(Deadline, Deadline));
    }

    [Theory]
    [InlineData(null, "Revoke: never used")]
    [InlineData(29.9, "Keep: in use")]
    [InlineData(30.0, "Revoke: unused for 30 days")]
    public void Recommendation_FollowsThirtyDaysOfDisuse(double? daysSinceUse, string expected) =>
        Assert.Equal(expected, ReviewRules.Recommend(daysSinceUse is { } d ? Start.AddDays(-d) : null, Start));

    [Fact]
    public void Justification_IsRequiredForRevokesAndForKeepingHighRisk()
    {
        Assert.NotNull(ReviewRules.ValidateDecision(ReviewDecision.RevokeCredentials, " ", false, null));
        Assert.NotNull(ReviewRules.ValidateDecision(ReviewDecision.Keep, null, true, null));
        Assert.Null(ReviewRules.ValidateDecision(ReviewDecision.Keep, null, false, null));
        Assert.NotNull(ReviewRules.ValidateDecision(ReviewDecision.ReassignOwner, null, false, null));
        Assert.Null(ReviewRules.ValidateDecision(ReviewDecision.DisableIdentity, "INC-1 not needed", true, null));
    }

    [Fact]
    public void RubberStampSignals_FindBurstsSpeedAndLastMinuteDecisions()
    {
        var burst = Enumerable.Range(0, 10).Select(i => ("riley", Start.AddHours(95).AddSeconds(i * 5), ReviewDecision.Keep));
        var considered = new[] { ("sam", Start.AddHours(10), ReviewDecision.RevokeCredentials), ("sam", Start.AddHours(20), ReviewDecision.Keep) };

        var signals = RubberStampSignals.From(burst.Concat(considered), Start, Deadline);

        Assert.Equal(1, signals.KeepBursts);
        Assert.Equal(12, signals.Decisions);
        Assert.Equal(10 / 12.0, signals.LastTenPercentShare, 3);
        Assert.Equal(5, signals.MedianSecondsPerDecision);
        Assert.Equal(0, RubberStampSignals.From(considered, Start, Deadline).KeepBursts);
    }
}
