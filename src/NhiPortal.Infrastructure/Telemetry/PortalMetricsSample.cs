namespace NhiPortal.Infrastructure.Telemetry;

/// <summary>One reading of the shared work's lags, taken from the database.</summary>
public sealed record PortalMetricsSample(
    double OutboxLagSeconds,
    IReadOnlyDictionary<string, double> JobLagSeconds,
    IReadOnlyDictionary<string, double> FeedLagEvents,
    IReadOnlyDictionary<string, double> SourceAgeSeconds)
{
    public static readonly PortalMetricsSample Empty = new(0, new Dictionary<string, double>(), new Dictionary<string, double>(), new Dictionary<string, double>());
}
