namespace NhiPortal.Core.Usage;

/// <summary>The facts behind a flag, stored as JSON beside its explanation; only the fields the rule uses are set.</summary>
public sealed record AnomalyEvidence
{
    public string? Network { get; init; }
    public string? Address { get; init; }
    public string? OtherNetwork { get; init; }
    public DateTime? OtherSeenUtc { get; init; }
    public int? HourOfWeekSlot { get; init; }
    public int? SlotHoursSeen { get; init; }
    public long? DayCount { get; init; }
    public double? DailyMean { get; init; }
    public double? Limit { get; init; }
    public int? DaysDormant { get; init; }
    public string? State { get; init; }
    public string? Target { get; init; }
    public IReadOnlyList<string>? KnownNetworks { get; init; }
}
