using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Ownership;

namespace NhiPortal.Core.Tests.Ownership;

public class OwnershipRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(null, AttestationStatus.Never)]
    [InlineData(10, AttestationStatus.Current)]
    [InlineData(76, AttestationStatus.Current)]
    [InlineData(77, AttestationStatus.DueSoon)]
    [InlineData(90, AttestationStatus.DueSoon)]
    [InlineData(91, AttestationStatus.Overdue)]
    public void AttestationStatusAt_AgesLikeACredential(int? daysAgo, AttestationStatus expected) =>
        Assert.Equal(expected, OwnershipRules.AttestationStatusAt(daysAgo is null ? null : Now.AddDays(-daysAgo.Value), Now, HygienePolicy.Default.AttestationDays));

    [Theory]
    [InlineData(30, 29, AttestationStatus.DueSoon)]
    [InlineData(30, 31, AttestationStatus.Overdue)]
    [InlineData(180, 100, AttestationStatus.Current)]
    [InlineData(180, 170, AttestationStatus.DueSoon)]
    public void AttestationStatusAt_FollowsThePolicysWindow(int windowDays, int daysAgo, AttestationStatus expected) =>
        Assert.Equal(expected, OwnershipRules.AttestationStatusAt(Now.AddDays(-daysAgo), Now, windowDays));

    /// <summary>The badge and the score's AttestationOverdue factor agree on every day of an edited window.</summary>
    [Theory]
    [InlineData(30)]
    [InlineData(90)]
    [InlineData(365)]
    public void TheBadgeSaysOverdue_ExactlyWhenTheScorePenalisesIt(int windowDays)
    {
        var policy = HygienePolicy.Default with { AttestationDays = windowDays };
        var scorer = new HygieneScorer(policy, explain: true);
        for (var days = 0; days <= windowDays * 2; days++)
        {
            var attested = Now.AddDays(-days);
            var badge = OwnershipRules.AttestationStatusAt(attested, Now, windowDays);
            var penalised = scorer.ScoreIdentity(new IdentityFacts { LastAttestedUtc = attested }, Now)
                .Findings.Any(f => f.Factor == HygieneFactor.AttestationOverdue);
            Assert.Equal(penalised, badge == AttestationStatus.Overdue);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("ok")]
    public void ValidateReason_TooShort_SaysWhy(string? reason) =>
        Assert.Contains("at least 5", OwnershipRules.ValidateReason(reason), StringComparison.Ordinal);

    [Fact]
    public void ValidateReason_RealReason_Passes() => Assert.Null(OwnershipRules.ValidateReason("Team reorganisation"));
}
