namespace NhiPortal.Core.Usage;

/// <summary>How far the usage evaluator has read (buckets changed at or after <see cref="PositionUtc"/> are still to look at).</summary>
public sealed class EvaluationCursor
{
    public required string Name { get; set; }

    public DateTime PositionUtc { get; set; }
}
