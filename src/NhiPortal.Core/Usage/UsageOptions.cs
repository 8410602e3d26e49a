namespace NhiPortal.Core.Usage;

/// <summary>How baselines learn and when the rules speak (<c>Usage:*</c> in configuration).</summary>
public sealed record UsageOptions
{
    /// <summary>Days from a credential's first seen use before the network, hour and volume rules judge it.</summary>
    public int LearningDays { get; init; } = 14;

    /// <summary>An hour-of-week slot seen this many hours or fewer counts as unusual.</summary>
    public int RareSlotHours { get; init; }

    /// <summary>Days of volume history the volume rule needs besides the learning period.</summary>
    public int VolumeMinimumDays { get; init; } = 7;

    public double VolumeSigmas { get; init; } = 4;

    public double VolumeMultiple { get; init; } = 3;

    /// <summary>Below this many uses a day, volume is never "far above" anything.</summary>
    public long VolumeFloor { get; init; } = 100;

    public int DormantDays { get; init; } = 90;

    /// <summary>The same credential from two networks within this many minutes.</summary>
    public int TravelMinutes { get; init; } = 10;

    /// <summary>How often the evaluator looks even when no ingest woke it.</summary>
    public int PollSeconds { get; init; } = 30;

    /// <summary>Events dated further ahead than this are refused (clock skew allowance).</summary>
    public int FutureToleranceMinutes { get; init; } = 5;

    /// <summary>Events older than this are refused: they would rewrite history the baselines have folded.</summary>
    public int MaximumAgeDays { get; init; } = 400;
}
