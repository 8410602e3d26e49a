namespace NhiPortal.Core.Hygiene;

/// <summary>The grade cut-offs, once: the scorer, the grade filters, campaign scopes and the policy page all read them here.</summary>
public static class HygieneGrades
{
    /// <summary>The lowest score of each grade, best first; F takes everything below D.</summary>
    private static readonly (HygieneGrade Grade, int Minimum)[] Table =
        [(HygieneGrade.A, 90), (HygieneGrade.B, 75), (HygieneGrade.C, 60), (HygieneGrade.D, 40), (HygieneGrade.F, 0)];

    public static IReadOnlyList<(HygieneGrade Grade, int Minimum)> Cutoffs => Table;

    // Called for every credential of a rescore: a plain loop, no allocation.
    public static HygieneGrade Of(int score)
    {
        foreach (var (grade, minimum) in Table)
        {
            if (score >= minimum)
            {
                return grade;
            }
        }
        return HygieneGrade.F;
    }

    /// <summary>[From, To) on the 0-100 score: lets a database filter by grade on the stored score.</summary>
    public static (int From, int To) Range(HygieneGrade grade)
    {
        var index = Cutoffs.Select(c => c.Grade).ToList().IndexOf(grade);
        return (Cutoffs[index].Minimum, index == 0 ? 101 : Cutoffs[index - 1].Minimum);
    }

    /// <summary>"A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, F below", for pages that state the rule.</summary>
    public static string Describe() =>
        string.Join(", ", Cutoffs.Where(c => c.Grade != HygieneGrade.F).Select(c => $"{c.Grade} ≥ {c.Minimum}")) + ", F below";
}
