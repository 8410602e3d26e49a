using NhiPortal.Core.Hygiene;

namespace NhiPortal.Core.Tests.Hygiene;

public class HygieneGradesTests
{
    /// <summary>The grade of a score and the score range a filter uses for that grade agree on every score.</summary>
    [Fact]
    public void EveryScore_FallsInExactlyTheRangeOfItsGrade()
    {
        for (var score = 0; score <= 100; score++)
        {
            var holding = Enum.GetValues<HygieneGrade>().Where(g => HygieneGrades.Range(g) is var (from, to) && score >= from && score < to).ToList();
            Assert.Equal([HygieneGrades.Of(score)], holding);
        }
    }

    [Fact]
    public void ThePublishedRule_NamesEachCutoff()
    {
        var text = HygieneGrades.Describe();
        Assert.All(HygieneGrades.Cutoffs.Where(c => c.Grade != HygieneGrade.F), c => Assert.Contains($"{c.Grade} ≥ {c.Minimum}", text, StringComparison.Ordinal));
        Assert.Equal(HygieneGrade.B, HygieneGrades.Of(HygieneGrades.Range(HygieneGrade.A).From - 1));
    }
}
