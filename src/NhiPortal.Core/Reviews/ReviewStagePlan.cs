using System.Text.Json;
using System.Text.Json.Serialization;

namespace NhiPortal.Core.Reviews;

/// <summary>
/// A campaign's stages (at most <see cref="MaxStages"/>, plus the stage separation of duties adds): owner, then team
/// lead, then security, each with its own window. An identity's item in the last stage that applies to it is final:
/// its decision is carried out and goes into the result; earlier stages' decisions are passed on to the next reviewer,
/// who may overturn them.
/// </summary>
public static class ReviewStagePlan
{
    public const int MaxStages = 3;

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>No stored plan is the single owner stage with the campaign's window (every campaign before stages).</summary>
    public static IReadOnlyList<ReviewStage> Parse(string? json, int windowHours) =>
        string.IsNullOrEmpty(json) ? [new ReviewStage(ReviewStageKind.Owner, windowHours)] : JsonSerializer.Deserialize<List<ReviewStage>>(json, Json)!;

    public static string? Serialize(IReadOnlyList<ReviewStage> stages) =>
        stages is [{ Kind: ReviewStageKind.Owner, ReviewerId: null, CriticalOnly: false }] ? null : JsonSerializer.Serialize(stages, Json);

    /// <summary>The stages a new campaign runs: the chosen ones, and a second reviewer for critical NHIs when separation of duties asks and none follows the owner.</summary>
    public static IReadOnlyList<ReviewStage> Plan(IReadOnlyList<ReviewStage> chosen, bool separationOfDuties, Guid fallbackReviewerId) =>
        separationOfDuties && chosen.Count == 1
            ? [.. chosen, new ReviewStage(ReviewStageKind.Named, chosen[0].WindowHours, fallbackReviewerId, CriticalOnly: true)]
            : chosen;

    /// <summary>The stages a person chose, without the one separation of duties added (for a recurrence or a re-run to plan again).</summary>
    public static IReadOnlyList<ReviewStage> Chosen(IReadOnlyList<ReviewStage> stages) => stages.Where(s => !s.CriticalOnly).ToList();

    /// <summary>Why the chosen stages cannot run, or null.</summary>
    public static string? Validate(IReadOnlyList<ReviewStage> chosen)
    {
        if (chosen.Count is < 1 or > MaxStages)
        {
            return $"A campaign has 1 to {MaxStages} stages.";
        }
        if (chosen[0].Kind != ReviewStageKind.Owner)
        {
            return "The first stage is the owners' (the team lead stands in where there is none).";
        }
        if (chosen.Any(s => s.WindowHours is < 1 or > 24 * 90))
        {
            return "Each stage's window is 1 hour to 90 days.";
        }
        if (chosen.Any(s => s.CriticalOnly))
        {
            return "Only separation of duties adds a stage for critical NHIs.";
        }
        if (chosen.Any(s => (s.Kind == ReviewStageKind.Named) != (s.ReviewerId is not null)))
        {
            return "Name the reviewer of each named stage (and only of those).";
        }
        return chosen.Select(s => s.ReviewerId).OfType<Guid>().GroupBy(id => id).Any(g => g.Count() > 1)
            ? "A named reviewer reviews one stage: the next stage is a second pair of eyes."
            : null;
    }

    /// <summary>The last stage (1-based) that reviews an identity: only the critical-only stage can be left out, and only at the end.</summary>
    public static int FinalStageFor(IReadOnlyList<ReviewStage> stages, bool critical) =>
        stages[^1].AppliesTo(critical) ? stages.Count : stages.Count - 1;

    /// <summary>Total hours of every stage's window: how long the whole campaign may take.</summary>
    public static int TotalHours(IReadOnlyList<ReviewStage> stages) => stages.Sum(s => s.WindowHours);
}
