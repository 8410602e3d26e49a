using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Usage;

namespace NhiPortal.Core.Tests.Usage;

public class AnomalyRulesTests
{
    private static readonly DateTime Start = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly UsageOptions Options = new();
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly CredentialStanding Active = new(Id, Guid.NewGuid(), CredentialState.Active, null, IdentityLifecycleState.Active);

    private static BucketObservation Use(DateTime at, string network = "10.0.0.0/24", long uses = 20, string? address = "10.0.0.5") =>
        new(new DateTime(at.Year, at.Month, at.Day, at.Hour, 0, 0, DateTimeKind.Utc), network, uses, 0, uses, at, at, address, "db");

    /// <summary>A baseline learned from daily use at 09:00 from one network for the given days.</summary>
    private static UsageBaseline Learned(int days, long perDay = 20)
    {
        UsageBaseline? baseline = null;
        for (var d = 0; d < days; d++)
        {
            baseline = BaselineLearner.Fold(baseline, Id, [Use(Start.AddDays(d), uses: perDay)], Start.AddDays(d), Options);
        }
        return baseline!;
    }

    private static IReadOnlyList<AnomalyFinding> Detect(UsageBaseline? before, CredentialStanding standing, params BucketObservation[] uses) =>
        AnomalyDetector.Detect(standing, before, BaselineLearner.Fold(before, Id, uses, uses[^1].LastSeenUtc, Options), uses, Options);

    [Fact]
    public void Fold_FoldsEachDayOnce_WithWelfordMeanAndVariance()
    {
        UsageBaseline? b = null;
        long[] days = [10, 20, 30];
        for (var d = 0; d < days.Length; d++)
        {
            b = BaselineLearner.Fold(b, Id, [Use(Start.AddDays(d), uses: days[d] / 2)], Start.AddDays(d), Options);
            // A second bucket the same day adds to the day, not a new day.
            b = BaselineLearner.Fold(b, Id, [Use(Start.AddDays(d).AddHours(1), uses: days[d] / 2)], Start.AddDays(d), Options);
        }

        Assert.Equal(2, b!.DaysObserved);
        Assert.Equal(15, b.DailyMean, 6);
        Assert.Equal(Math.Sqrt(50), BaselineLearner.StandardDeviation(b), 6);
        Assert.Equal((30L, Start.AddDays(2).Date), (b.LastDayCount, b.LastDayUtc));
    }

    [Fact]
    public void NewNetwork_DuringLearning_IsLearned_AfterItIsFlaggedAndNotLearned()
    {
        var learning = Learned(5);
        var learned = Learned(15);

        Assert.Empty(Detect(learning, Active, Use(Start.AddDays(5), "172.16.0.0/24")));
        var finding = Assert.Single(Detect(learned, Active, Use(Start.AddDays(15), "172.16.0.0/24", address: "172.16.0.9")));
        Assert.Equal((AnomalyRule.NewSourceNetwork, AnomalySeverity.Medium, "172.16.0.0/24"), (finding.Rule, finding.Severity, finding.EvidenceKey));
        Assert.Equal("Used from 172.16.0.9 (172.16.0.0/24), a network not seen in its 15 days of history (1 known network(s)).", finding.Explanation);
        Assert.DoesNotContain("172.16.0.0/24", BaselineLearner.Fold(learned, Id, [Use(Start.AddDays(15), "172.16.0.0/24")], Start.AddDays(15), Options).Networks);
        Assert.Empty(Detect(learned, Active, Use(Start.AddDays(15), SourceNetwork.Unknown, address: null)));
    }

    [Fact]
    public void OutsideUsualHours_FlagsAnHourNeverSeen_AndTuningWidensTheSlot()
    {
        var learned = Learned(15);
        var night = Start.AddDays(15).AddHours(-6);

        var finding = Assert.Single(Detect(learned, Active, Use(night)));
        BaselineLearner.Tune(learned, finding.Rule, finding.Evidence, Options, night);

        Assert.Equal((AnomalyRule.OutsideUsualHours, AnomalySeverity.Low), (finding.Rule, finding.Severity));
        Assert.Contains("never", finding.Explanation, StringComparison.Ordinal);
        Assert.Empty(Detect(learned, Active, Use(night.AddDays(7).AddHours(1))));
    }

    [Fact]
    public void Volume_FarAboveTheBaseline_Flags_UnlessTheAllowanceCoversIt()
    {
        var learned = Learned(20, perDay: 40);
        var spike = Use(Start.AddDays(20), uses: 500);

        var finding = Assert.Single(Detect(learned, Active, spike));
        Assert.Equal(AnomalyRule.VolumeAboveBaseline, finding.Rule);
        Assert.Equal(500, finding.Evidence.DayCount);
        Assert.Empty(Detect(learned, Active, Use(Start.AddDays(20), uses: 110)));
        BaselineLearner.Tune(learned, finding.Rule, finding.Evidence, Options, Start.AddDays(20));
        Assert.Empty(Detect(learned, Active, spike));
    }

    [Fact]
    public void Dormant_NinetyDaysWithoutUse_ThenUsed_IsHigh()
    {
        var learned = Learned(15);

        var finding = Assert.Single(Detect(learned, Active, Use(Start.AddDays(14 + 95))));
        Assert.Empty(Detect(learned, Active, Use(Start.AddDays(14 + 80))));
        Assert.Equal((AnomalyRule.DormantThenUsed, AnomalySeverity.High, 95), (finding.Rule, finding.Severity, finding.Evidence.DaysDormant));
    }

    [Theory]
    [InlineData(CredentialState.Revoked)]
    [InlineData(CredentialState.Expired)]
    [InlineData(CredentialState.Rotated)]
    public void UseOfAnInactiveCredential_IsCritical_EvenWithNoBaseline(CredentialState state)
    {
        var standing = Active with { State = state, StateChangedUtc = Start.AddDays(-1) };

        var finding = Assert.Single(Detect(null, standing, Use(Start)));
        Assert.Equal((AnomalyRule.UseOfRevokedOrExpired, AnomalySeverity.Critical, Core.Hygiene.OwaspNhiCategory.Nhi1ImproperOffboarding), (finding.Rule, finding.Severity, finding.Category));
        Assert.Empty(Detect(null, standing with { StateChangedUtc = Start.AddDays(1) }, Use(Start)));
    }

    [Fact]
    public void UseOfADisabledIdentity_IsCritical()
    {
        var finding = Assert.Single(Detect(null, Active with { IdentityState = IdentityLifecycleState.Disabled }, Use(Start)));
        Assert.Equal((AnomalyRule.UseOfDisabledIdentity, AnomalySeverity.Critical), (finding.Rule, finding.Severity));
    }

    [Fact]
    public void TwoNetworksWithinTheWindow_IsHigh_ButNotOnceBothAreNormal()
    {
        var a = Use(Start, "10.0.0.0/24");
        var b = Use(Start.AddMinutes(8), "192.0.2.0/24", address: "192.0.2.1");
        var later = Use(Start.AddMinutes(25), "192.0.2.0/24", address: "192.0.2.1");

        var finding = Assert.Single(Detect(null, Active, a, b));
        Assert.Equal((AnomalyRule.ImpossibleTravel, "10.0.0.0/24|192.0.2.0/24"), (finding.Rule, finding.EvidenceKey));
        Assert.DoesNotContain(Detect(null, Active, a, later), f => f.Rule == AnomalyRule.ImpossibleTravel);
        var both = Learned(3);
        both.Networks.Add("192.0.2.0/24");
        Assert.DoesNotContain(Detect(both, Active, Use(Start.AddDays(3), "10.0.0.0/24"), Use(Start.AddDays(3).AddMinutes(2), "192.0.2.0/24")), f => f.Rule == AnomalyRule.ImpossibleTravel);
    }
}
