namespace NhiPortal.Core.Reviews;

/// <summary>
/// Where an unanswered item moves past each escalation point: the owner's team lead, then the owner's manager, then
/// the campaign's fallback pool (any of them may decide). A named reviewer's stage goes straight to the pool. Each
/// move skips whoever has it now, anyone inactive or known to hold no deciding role, and anyone separation of duties
/// keeps from the item; a skipped step is passed, so the item reaches the pool no later than the last point.
/// </summary>
public static class EscalationChain
{
    /// <summary>Positions: 1 team lead, 2 owner's manager, 3 the pool.</summary>
    public const int Steps = 3;

    /// <summary>
    /// The move an item at <paramref name="step"/> makes once <paramref name="pointsPassed"/> points have passed, or
    /// null when it is already far enough along (or in the pool).
    /// </summary>
    public static EscalationMove? Next(ReviewStageKind kind, int step, int pointsPassed, Guid current, ReviewerCandidate? teamLead, ReviewerCandidate? manager,
        IReadOnlyList<ReviewerCandidate> pool, IReadOnlySet<Guid> excluded)
    {
        var target = kind == ReviewStageKind.Named && pointsPassed > 0 ? Steps : pointsPassed;
        if (step >= Steps || step >= target)
        {
            return null;
        }
        var skipped = new List<string>();
        (ReviewerCandidate? Candidate, string Role)[] people = [(teamLead, "team lead"), (manager, "owner's manager")];
        // A job that missed a point (it was down) moves the item straight to where it should be by now.
        for (var position = Math.Max(step + 1, target); position < Steps; position++)
        {
            var (candidate, role) = people[position - 1];
            if (Eligible(candidate, current, excluded, skipped, role))
            {
                return new EscalationMove(candidate!.Id, position, Rule(role, skipped), ToPool: false, role);
            }
        }
        var inPool = pool.FirstOrDefault(p => p.Id == current && p.Active && !excluded.Contains(p.Id))
            ?? pool.FirstOrDefault(p => Eligible(p, Guid.Empty, excluded, skipped, "fallback"));
        return inPool is null
            ? new EscalationMove(null, Steps, Rule("fallback pool", [.. skipped, "nobody in the pool may decide it; delegate it"]), ToPool: true, "fallback pool")
            : new EscalationMove(inPool.Id, Steps, Rule("fallback pool", skipped), ToPool: true, "fallback pool");
    }

    private static bool Eligible(ReviewerCandidate? candidate, Guid current, IReadOnlySet<Guid> excluded, List<string> skipped, string role)
    {
        if (candidate is null || candidate.Id == current)
        {
            return false;
        }
        var why = !candidate.Active ? "left" : excluded.Contains(candidate.Id) ? "separation of duties" : !candidate.CanDecide ? "cannot decide" : null;
        if (why is not null)
        {
            skipped.Add($"{role} {candidate.Name}: {why}");
        }
        return why is null;
    }

    private static string Rule(string role, List<string> skipped) =>
        skipped.Count == 0 ? $"escalated: {role}" : $"escalated: {role} (skipped {string.Join("; ", skipped)})";
}
