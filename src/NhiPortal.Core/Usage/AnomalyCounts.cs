namespace NhiPortal.Core.Usage;

/// <summary>Open flags by severity, and the mean time to detect (use observed → flag raised) over the last 30 days.</summary>
public sealed record AnomalyCounts(IReadOnlyDictionary<AnomalySeverity, int> OpenBySeverity, TimeSpan? MeanTimeToDetect, int DetectedLast30Days)
{
    public int Open => OpenBySeverity.Values.Sum();
}
