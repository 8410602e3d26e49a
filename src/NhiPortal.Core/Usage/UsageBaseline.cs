namespace NhiPortal.Core.Usage;

/// <summary>
/// What normal use of one credential looks like, learned from its buckets: networks seen, an hour-of-week profile and
/// daily volume. It judges nothing until its learning period (14 days by default) has passed since it first saw use.
/// </summary>
public sealed class UsageBaseline
{
    public Guid CredentialId { get; set; }

    public DateTime FirstSeenUtc { get; set; }

    public DateTime LastSeenUtc { get; set; }

    /// <summary>The network of the latest use, for "two networks within minutes" across evaluation passes.</summary>
    public string? LastNetwork { get; set; }

    /// <summary>Networks seen (and networks a person marked as a false positive), sorted.</summary>
    public List<string> Networks { get; set; } = [];

    /// <summary>168 counts, Monday 00:00 UTC first, as comma-separated text.</summary>
    public string HourOfWeek { get; set; } = "";

    /// <summary>Days with use, and the running mean and sum of squared deviations of daily volume (Welford).</summary>
    public int DaysObserved { get; set; }

    public double DailyMean { get; set; }

    public double DailyM2 { get; set; }

    /// <summary>The day (UTC date) counted last, so a day's volume is folded in once.</summary>
    public DateTime? LastDayUtc { get; set; }

    public long LastDayCount { get; set; }

    /// <summary>A volume limit a person raised by marking a volume flag as a false positive.</summary>
    public double? VolumeAllowance { get; set; }

    public DateTime UpdatedUtc { get; set; }
}
