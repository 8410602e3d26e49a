namespace NhiPortal.Core.Reviews;

/// <summary>
/// The reviewer of an identity in a stage after the first: the stage's own rule (owner, team lead or the named person),
/// then the fallback, skipping anyone who reviewed an earlier stage of it and, for a critical NHI, its owner
/// (separation of duties). The rule text says whom it skipped and why.
/// </summary>
public static class StageReviewers
{
    public static (Guid Reviewer, string Rule) For(ReviewStage stage, ReviewerCandidate? owner, ReviewerCandidate? teamLead, ReviewerCandidate? named,
        Guid fallback, IReadOnlySet<Guid> excluded)
    {
        (ReviewerCandidate? Candidate, string Rule)[] chain = stage.Kind switch
        {
            ReviewStageKind.Owner => [(owner, "owner"), (teamLead, "team lead")],
            ReviewStageKind.TeamLead => [(teamLead, "team lead")],
            ReviewStageKind.Named => [(named, "named reviewer")],
        };
        var notes = new List<string>();
        foreach (var (candidate, rule) in chain)
        {
            if (candidate is null || !candidate.Active)
            {
                continue;
            }
            if (excluded.Contains(candidate.Id))
            {
                notes.Add($"{rule} {candidate.Name}: reviewed an earlier stage or owns it");
                continue;
            }
            if (candidate.CanDecide)
            {
                return (candidate.Id, Text(rule, notes));
            }
            notes.Add($"{rule} {candidate.Name}: cannot decide");
        }
        return excluded.Contains(fallback)
            ? (fallback, Text("fallback", [.. notes, "separation of duties: nobody else may decide it; delegate it"]))
            : (fallback, Text("fallback", notes));
    }

    private static string Text(string rule, List<string> notes)
    {
        if (notes.Count == 0)
        {
            return rule;
        }
        var text = $"{rule} (skipped {string.Join("; ", notes)})";
        return text.Length <= ReviewItem.MaxReviewerRule ? text : text[..(ReviewItem.MaxReviewerRule - 1)] + "…";
    }
}
