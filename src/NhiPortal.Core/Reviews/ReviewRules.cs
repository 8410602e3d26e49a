using System.Globalization;

namespace NhiPortal.Core.Reviews;

/// <summary>The window, reviewer, reminder, escalation and close rules: pure, so tests drive them with any clock.</summary>
public static class ReviewRules
{
    public const int DefaultWindowHours = 7 * 24;
    public const int HighRiskWindowHours = 48;
    public const int OwnerDepartureWindowHours = 72;
    public const int UnusedDaysForRevoke = 30;

    public static int DefaultWindowFor(ReviewScope scope) => scope switch
    {
        ReviewScope.HighRisk => HighRiskWindowHours,
        ReviewScope.OwnerDeparture => OwnerDepartureWindowHours,
        ReviewScope.AllIdentities or ReviewScope.Team or ReviewScope.Environment or ReviewScope.Grade => DefaultWindowHours,
    };

    public static string Describe(UnansweredPolicy policy) => policy switch
    {
        UnansweredPolicy.RevokeCredentials => "revoked (all their credentials)",
        UnansweredPolicy.DisableIdentity => "disabled, with their credentials revoked",
        UnansweredPolicy.FlagForFollowUp => "flagged for follow-up",
    };

    /// <summary>Time left in a window, as reviewers read it ("6 days", "5 hours"); null once the deadline has passed.</summary>
    public static string? TimeLeft(DateTime deadlineUtc, DateTime nowUtc)
    {
        var left = deadlineUtc - nowUtc;
        return left <= TimeSpan.Zero ? null : left.TotalHours >= 48 ? $"{(int)left.TotalDays} days" : $"{(int)Math.Ceiling(left.TotalHours)} hours";
    }

    public static DateTime Deadline(DateTime startedUtc, int windowHours) => startedUtc.AddHours(windowHours);

    /// <summary>The owner reviews; when the owner is gone, the team lead; when there is none, the named fallback.</summary>
    public static (Guid Reviewer, string Rule) Reviewer(Guid? ownerId, bool ownerActive, Guid? teamLeadId, bool teamLeadActive, Guid fallback) =>
        Reviewer(ownerId is { } o ? new ReviewerCandidate(o, "", ownerActive, null) : null,
            teamLeadId is { } l ? new ReviewerCandidate(l, "", teamLeadActive, null) : null, fallback);

    /// <summary>
    /// The same chain, skipping anyone known to hold no deciding role (they would only see "No access"); the rule then
    /// names whom it skipped and why: "fallback (skipped owner Vic Visitor, team lead Avery Auditor: cannot decide)".
    /// </summary>
    public static (Guid Reviewer, string Rule) Reviewer(ReviewerCandidate? owner, ReviewerCandidate? teamLead, Guid fallback)
    {
        var skipped = new List<string>();
        foreach (var (candidate, rule) in new[] { (owner, "owner"), (teamLead, "team lead") })
        {
            if (candidate is null || !candidate.Active)
            {
                continue;
            }
            if (candidate.CanDecide)
            {
                return (candidate.Id, WithSkipped(rule, skipped));
            }
            skipped.Add($"{rule} {candidate.Name}");
        }
        return (fallback, WithSkipped("fallback", skipped));
    }

    private static string WithSkipped(string rule, List<string> skipped)
    {
        if (skipped.Count == 0)
        {
            return rule;
        }
        var text = $"{rule} (skipped {string.Join(", ", skipped)}: cannot decide)";
        return text.Length <= ReviewItem.MaxReviewerRule ? text : text[..(ReviewItem.MaxReviewerRule - 1)] + "…";
    }

    /// <summary>Unused for 30 days or more (or never used): recommend revoking; otherwise keep.</summary>
    public static string Recommend(DateTime? lastUsedUtc, DateTime nowUtc) =>
        lastUsedUtc is null ? "Revoke: never used"
        : (nowUtc - lastUsedUtc.Value).TotalDays >= UnusedDaysForRevoke ? $"Revoke: unused for {(int)(nowUtc - lastUsedUtc.Value).TotalDays} days"
        : "Keep: in use";

    public static IReadOnlyList<int> ParsePercents(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : -1)
            .Where(p => p is > 0 and < 100).Distinct().Order().ToList();

    /// <summary>How many reminders should have gone out by now (an item that already got them gets no more).</summary>
    public static int RemindersDue(DateTime startedUtc, DateTime deadlineUtc, DateTime nowUtc, IReadOnlyList<int> percents) =>
        percents.Count(p => nowUtc >= At(startedUtc, deadlineUtc, p));

    /// <summary>
    /// How many escalation points have passed (0-<see cref="EscalationChain.Steps"/>): the first at the campaign's
    /// share of the window, the others spread evenly over what is left (90% gives 90, 93.3 and 96.7%).
    /// </summary>
    public static int EscalationPointsPassed(DateTime startedUtc, DateTime deadlineUtc, DateTime nowUtc, int escalateAtPercent) =>
        escalateAtPercent is > 0 and < 100
            ? Enumerable.Range(0, EscalationChain.Steps).Count(k => nowUtc >= EscalationPoint(startedUtc, deadlineUtc, escalateAtPercent, k))
            : 0;

    /// <summary>The escalation points as shares of the window, for the campaign page (90 gives 90, 93.3, 96.7).</summary>
    public static IReadOnlyList<double> EscalationPercents(int escalateAtPercent) =>
        escalateAtPercent is > 0 and < 100
            ? [.. Enumerable.Range(0, EscalationChain.Steps).Select(k => escalateAtPercent + k * (100.0 - escalateAtPercent) / EscalationChain.Steps)]
            : [];

    public static DateTime EscalationPoint(DateTime startedUtc, DateTime deadlineUtc, int escalateAtPercent, int step) =>
        startedUtc + TimeSpan.FromTicks((deadlineUtc - startedUtc).Ticks * (escalateAtPercent * EscalationChain.Steps + step * (100 - escalateAtPercent)) / (100 * EscalationChain.Steps));

    public static bool Expired(DateTime deadlineUtc, DateTime nowUtc) => nowUtc >= deadlineUtc;

    public static DateTime At(DateTime startedUtc, DateTime deadlineUtc, int percent) =>
        startedUtc + TimeSpan.FromTicks((deadlineUtc - startedUtc).Ticks * percent / 100);

    public const int MaxJustification = 2000;

    /// <summary>A justification is required for every revoke or disable, and for keeping a high-risk NHI.</summary>
    public static string? ValidateDecision(ReviewDecision decision, string? justification, bool highRisk, Guid? newOwnerId)
    {
        var needsReason = decision is ReviewDecision.RevokeCredentials or ReviewDecision.DisableIdentity or ReviewDecision.ReduceAccess
            || (decision == ReviewDecision.Keep && highRisk);
        if (needsReason && !Common.Reasons.IsGiven(justification))
        {
            return decision == ReviewDecision.Keep
                ? "Keeping a shared, break-glass or vendor-managed NHI needs a justification (at least 5 characters)."
                : "This decision needs a justification (at least 5 characters).";
        }
        if (!string.IsNullOrWhiteSpace(justification) && Common.Reasons.Problem(justification, "The justification", MaxJustification) is { } problem)
        {
            return problem;
        }
        if (decision == ReviewDecision.ReassignOwner && newOwnerId is null)
        {
            return "Choose the new owner.";
        }
        return null;
    }
}

/// <summary>Signals that decisions were made without looking: how fast, in bursts, and at the last minute.</summary>
public sealed record RubberStampSignals(double? MedianSecondsPerDecision, int KeepBursts, double LastTenPercentShare, int Decisions)
{
    /// <summary>A burst: 10 or more "keep" decisions by one reviewer within 60 seconds.</summary>
    public const int BurstSize = 10;

    /// <summary>More than this share decided in the window's last 10% looks like deciding at the deadline, not reviewing.</summary>
    public const double LastMinuteShareOfConcern = 0.5;

    /// <summary>Any keep-all burst is worth a look.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool BurstsConcerning => KeepBursts > 0;

    [System.Text.Json.Serialization.JsonIgnore]
    public bool LastMinuteConcerning => LastTenPercentShare > LastMinuteShareOfConcern;

    public static RubberStampSignals From(IEnumerable<(string DecidedBy, DateTime DecidedUtc, ReviewDecision Decision)> decisions, DateTime startedUtc, DateTime deadlineUtc)
    {
        var all = decisions.OrderBy(d => d.DecidedUtc).ToList();
        if (all.Count == 0)
        {
            return new RubberStampSignals(null, 0, 0, 0);
        }
        var gaps = all.GroupBy(d => d.DecidedBy)
            .SelectMany(g => g.Zip(g.Skip(1), (a, b) => (b.DecidedUtc - a.DecidedUtc).TotalSeconds))
            .Order().ToList();
        var bursts = 0;
        foreach (var reviewer in all.Where(d => d.Decision == ReviewDecision.Keep).GroupBy(d => d.DecidedBy))
        {
            var times = reviewer.Select(d => d.DecidedUtc).ToList();
            for (var i = 0; i + BurstSize - 1 < times.Count; i++)
            {
                if ((times[i + BurstSize - 1] - times[i]).TotalSeconds <= 60)
                {
                    bursts++;
                    i += BurstSize - 1;
                }
            }
        }
        var lastTenth = ReviewRules.At(startedUtc, deadlineUtc, 90);
        return new RubberStampSignals(gaps.Count == 0 ? null : gaps[gaps.Count / 2], bursts, all.Count(d => d.DecidedUtc >= lastTenth) / (double)all.Count, all.Count);
    }
}
