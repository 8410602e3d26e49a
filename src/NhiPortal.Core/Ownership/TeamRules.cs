namespace NhiPortal.Core.Ownership;

/// <summary>What a team change must satisfy before anything is written.</summary>
public static class TeamRules
{
    public const int MaxName = 200;

    public static string? NameProblem(string? name) => string.IsNullOrWhiteSpace(name) ? "Give the team a name."
        : name.Trim().Length > MaxName ? $"A team name has at most {MaxName} characters."
        : Reports.FormulaGuard.LooksLikeFormula(name.Trim()) ? "A team name may not start with =, +, - or @ (a spreadsheet would run it)."
        : null;

    public static string? MergeProblem(Guid teamId, Team? target) => target switch
    {
        null => "The team to merge into does not exist.",
        _ when target.Id == teamId => "A team cannot be merged into itself.",
        { IsDissolved: true } => $"{target.Name} is dissolved: merge into a team that still exists.",
        _ => null,
    };
}
