using NhiPortal.Core.Credentials;
using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Tests.Hygiene;

public class HygieneScorerTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
    private static readonly HygieneScorer Scorer = new(HygienePolicy.Default);

    // A healthy production client secret: 10 days old, rotated, expiring in 60 days, used today, owned.
    private static CredentialFacts Healthy() => new()
    {
        Kind = CredentialKind.ClientSecret,
        Environment = DeploymentEnvironment.Production,
        IssuedUtc = Now.AddDays(-10),
        LastRotatedUtc = Now.AddDays(-10),
        ExpiresUtc = Now.AddDays(60),
        LastUsedUtc = Now.AddHours(-2),
        Privilege = PrivilegeLevel.Low,
        Owner = OwnerStatus.Active,
    };

    private static HygieneScore Score(CredentialFacts facts) => Scorer.ScoreCredential(facts, Now);

    private static int Penalty(CredentialFacts facts, HygieneFactor factor) => Score(facts).Findings.Where(f => f.Factor == factor).Sum(f => f.Penalty);

    [Fact]
    public void Healthy_ScoresFullMarks() => Assert.Equal((100, HygieneGrade.A), (Score(Healthy()).Score, Score(Healthy()).Grade));

    [Fact]
    public void Age_ExactlyAtTheMaximum_IsNotPenalised_OneDayOverIs()
    {
        var atMax = Healthy() with { IssuedUtc = Now.AddDays(-30), LastRotatedUtc = Now };
        var over = Healthy() with { IssuedUtc = Now.AddDays(-31), LastRotatedUtc = Now };

        Assert.Equal(0, Penalty(atMax, HygieneFactor.AgeOverMaximum));
        Assert.Equal(13, Penalty(over, HygieneFactor.AgeOverMaximum));
        Assert.Contains("policy allows 30 days for a ClientSecret in Production", Score(over).Findings.Single().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Age_AtTwiceTheMaximum_TakesTheWholeCap() =>
        Assert.Equal(25, Penalty(Healthy() with { IssuedUtc = Now.AddDays(-60), LastRotatedUtc = Now }, HygieneFactor.AgeOverMaximum));

    [Fact]
    public void Age_NonProductionUsesTheKindDefault() =>
        Assert.Equal(0, Penalty(Healthy() with { Environment = DeploymentEnvironment.Staging, IssuedUtc = Now.AddDays(-60), LastRotatedUtc = Now },
            HygieneFactor.AgeOverMaximum));

    [Fact]
    public void ExpiredYesterday_TakesTheFullExpiredPenalty_AndNoWindowPenalty()
    {
        var facts = Healthy() with { ExpiresUtc = Now.AddDays(-1) };

        Assert.Equal(30, Penalty(facts, HygieneFactor.Expired));
        Assert.Equal(0, Penalty(facts, HygieneFactor.ExpiringSoon));
    }

    [Theory]
    [InlineData(30, 0)]
    [InlineData(29, 1)]
    [InlineData(15, 5)]
    [InlineData(1, 10)]
    public void ExpiringInTheWindow_GrowsAsExpiryNears(int daysLeft, int expected) =>
        Assert.Equal(expected, Penalty(Healthy() with { ExpiresUtc = Now.AddDays(daysLeft) }, HygieneFactor.ExpiringSoon));

    [Fact]
    public void NeverUsed_IsStale_AndSaysSo()
    {
        var score = Score(Healthy() with { LastUsedUtc = null });

        var finding = Assert.Single(score.Findings);
        Assert.Equal((HygieneFactor.Stale, 15, OwaspNhiCategory.Nhi1ImproperOffboarding), (finding.Factor, finding.Penalty, finding.Category));
        Assert.Contains("Never seen in use", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UnusedExactlyStaleDays_IsNotStale_OneMoreDayIs()
    {
        Assert.Equal(0, Penalty(Healthy() with { LastUsedUtc = Now.AddDays(-90) }, HygieneFactor.Stale));
        Assert.Equal(15, Penalty(Healthy() with { LastUsedUtc = Now.AddDays(-91) }, HygieneFactor.Stale));
    }

    [Fact]
    public void Dynamic_IsExemptFromAgeRotationAndExpiryRules()
    {
        var dynamic = Healthy() with { IsDynamic = true, IssuedUtc = Now.AddDays(-400), LastRotatedUtc = null, ExpiresUtc = Now.AddMinutes(30) };

        Assert.DoesNotContain(Score(dynamic).Findings, f => f.Factor is HygieneFactor.AgeOverMaximum or HygieneFactor.RotationOverdue
            or HygieneFactor.StaticWithoutExpiry or HygieneFactor.ExpiringSoon);
        Assert.Equal(100, Score(dynamic).Score);
    }

    [Fact]
    public void LongLivedStaticProductionSecret_ScoresWorstAndNamesNhi7()
    {
        var bad = Healthy() with { IssuedUtc = Now.AddDays(-700), LastRotatedUtc = null, ExpiresUtc = null, Privilege = PrivilegeLevel.Critical };

        var score = Score(bad);

        Assert.Equal(HygieneGrade.F, score.Grade);
        Assert.Equal(100 - 25 - 20 - 10 - 15, score.Score);
        Assert.Contains(score.Findings, f => f.Category == OwaspNhiCategory.Nhi7LongLivedSecrets);
        Assert.Contains(score.Findings, f => f.Category == OwaspNhiCategory.Nhi5OverprivilegedNhi);
    }

    [Fact]
    public void ReuseAndOwnership_MapToTheirOwaspCategories()
    {
        var score = Score(Healthy() with { ReusedAcrossEnvironments = true, ReusedAcrossIdentities = true, Owner = OwnerStatus.Left });

        Assert.Equal([OwaspNhiCategory.Nhi8EnvironmentIsolation, OwaspNhiCategory.Nhi9NhiReuse, OwaspNhiCategory.Nhi1ImproperOffboarding],
            score.Findings.Select(f => f.Category));
        Assert.Equal(100 - 20 - 15 - 20, score.Score);
    }

    [Fact]
    public void Score_NeverBelowZero_AndGradeBoundariesHold()
    {
        var everything = Healthy() with
        {
            IssuedUtc = Now.AddDays(-900), LastRotatedUtc = null, ExpiresUtc = Now.AddDays(-5), LastUsedUtc = null, Privilege = PrivilegeLevel.Critical,
            ReusedAcrossEnvironments = true, ReusedAcrossIdentities = true, Owner = OwnerStatus.NoIdentity,
        };

        Assert.Equal(0, Score(everything).Score);
        Assert.Equal([HygieneGrade.A, HygieneGrade.B, HygieneGrade.B, HygieneGrade.C, HygieneGrade.D, HygieneGrade.F],
            new[] { 90, 89, 75, 60, 40, 39 }.Select(HygieneGrades.Of));
    }

    public static TheoryData<int> Seeds => new() { 1, 2, 3, 4, 5, 6, 7, 8 };

    // Property: making any one input worse never raises the score.
    [Theory]
    [MemberData(nameof(Seeds))]
    public void WorseInput_NeverScoresBetter(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 500; i++)
        {
            var facts = RandomFacts(random);
            var score = Score(facts).Score;
            CredentialFacts[] worse =
            [
                facts with { IssuedUtc = facts.IssuedUtc.AddDays(-random.Next(1, 400)) },
                facts with { LastRotatedUtc = facts.LastRotatedUtc?.AddDays(-random.Next(1, 200)) },
                facts with { ExpiresUtc = facts.ExpiresUtc?.AddDays(-random.Next(1, 100)) },
                facts with { LastUsedUtc = facts.LastUsedUtc?.AddDays(-random.Next(1, 200)) },
                facts with { ReusedAcrossEnvironments = true },
                facts with { ReusedAcrossIdentities = true },
                facts with { Owner = OwnerStatus.Left },
                facts with { Privilege = PrivilegeLevel.Critical },
                facts with { IsDynamic = false },
            ];
            foreach (var w in worse)
            {
                Assert.True(Score(w).Score <= score, $"worse input {w} scored {Score(w).Score} > {score} for {facts}");
            }
        }
    }

    [Fact]
    public void Identity_TakesItsWeakestCredentialThenItsOwnFactors()
    {
        var identity = new IdentityFacts { WorstCredentialScore = 70, Orphaned = true, LastAttestedUtc = null, IsShared = true, IsBreakGlass = true };

        var score = Scorer.ScoreIdentity(identity, Now);

        Assert.Equal(70 - 20 - 10 - 10 - 15, score.Score);
        Assert.Equal(5, score.Findings.Count);
        Assert.Equal(100, Scorer.ScoreIdentity(new IdentityFacts { LastAttestedUtc = Now.AddDays(-5) }, Now).Score);
    }

    [Fact]
    public void Policy_Validate_RejectsNonsense()
    {
        var policy = HygienePolicy.Default with
        {
            Limits = [new KindLimit(CredentialKind.ApiKey, null, 0, 30), new KindLimit(CredentialKind.ApiKey, null, 30, 30)],
            StaleDays = -1,
        };

        var problems = policy.Validate();

        Assert.Equal(3, problems.Count);
        Assert.Empty(HygienePolicy.Default.Validate());
    }

    private static CredentialFacts RandomFacts(Random random)
    {
        var kinds = Enum.GetValues<CredentialKind>();
        var issued = Now.AddDays(-random.Next(0, 900));
        return new CredentialFacts
        {
            Kind = kinds[random.Next(kinds.Length)],
            Environment = (DeploymentEnvironment)random.Next(3),
            IssuedUtc = issued,
            LastRotatedUtc = random.Next(2) == 0 ? null : issued.AddDays(random.Next(0, (int)(Now - issued).TotalDays + 1)),
            ExpiresUtc = random.Next(3) == 0 ? null : Now.AddDays(random.Next(-60, 400)),
            LastUsedUtc = random.Next(5) == 0 ? null : Now.AddDays(-random.Next(0, 300)),
            IsDynamic = random.Next(6) == 0,
            Privilege = (PrivilegeLevel)random.Next(4),
            Owner = (OwnerStatus)random.Next(4),
            ReusedAcrossEnvironments = random.Next(10) == 0,
            ReusedAcrossIdentities = random.Next(10) == 0,
        };
    }
}
