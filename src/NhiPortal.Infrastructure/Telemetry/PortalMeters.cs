using System.Diagnostics.Metrics;

namespace NhiPortal.Infrastructure.Telemetry;

/// <summary>
/// The portal's own metrics (meter <c>NhiPortal</c>), exported with OpenTelemetry when an OTLP endpoint is configured:
/// how far behind the follow-ups, jobs, feed and discovery sources are, how long revocation runs take, and how many
/// circuits this instance holds. The lags are sampled from the database by <see cref="PortalMetricsSampler"/>, so every
/// instance reports the same figures for the shared work; runs and circuits are counted where they happen.
/// </summary>
public static class PortalMeters
{
    public const string Name = "NhiPortal";

    private static readonly Meter Meter = new(Name, "1.0");

    public static readonly Histogram<double> RevocationRunDuration = Meter.CreateHistogram<double>(
        "nhiportal.revocation.run.duration", "s", "From a revocation run's request to its completion, by outcome");

    public static readonly UpDownCounter<long> ActiveCircuits = Meter.CreateUpDownCounter<long>(
        "nhiportal.circuits.active", "{circuit}", "Blazor circuits open on this instance");

    private static volatile PortalMetricsSample _latest = PortalMetricsSample.Empty;

    static PortalMeters()
    {
        Meter.CreateObservableGauge("nhiportal.outbox.lag", () => _latest.OutboxLagSeconds, "s",
            "Age of the oldest follow-up that is due and not done (0 when none)");
        Meter.CreateObservableGauge("nhiportal.job.lag", () => Tagged(_latest.JobLagSeconds, "job"), "s",
            "Time since each background job last succeeded");
        Meter.CreateObservableGauge("nhiportal.feed.lag", () => Tagged(_latest.FeedLagEvents, "destination"), "{event}",
            "Audit events each SIEM feed destination has not received yet");
        Meter.CreateObservableGauge("nhiportal.discovery.freshness", () => Tagged(_latest.SourceAgeSeconds, "source"), "s",
            "Time since each discovery source was last read in full");
    }

    /// <summary>The sample the gauges report from now on.</summary>
    public static PortalMetricsSample Latest
    {
        get => _latest;
        internal set => _latest = value;
    }

    private static IEnumerable<Measurement<double>> Tagged(IReadOnlyDictionary<string, double> values, string tag) =>
        values.Select(v => new Measurement<double>(v.Value, new KeyValuePair<string, object?>(tag, v.Key)));
}
