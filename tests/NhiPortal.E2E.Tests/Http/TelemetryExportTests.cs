namespace NhiPortal.E2E.Tests.Http;

/// <summary>OpenTelemetry over OTLP, configured only by the standard environment variables.</summary>
public class TelemetryExportTests
{
    [Fact]
    public async Task WithAnOtlpEndpoint_MetricsAndTracesGoThere_WithThePortalsOwnMeters()
    {
        await using var receiver = new OtlpReceiver();
        await using var portal = new PortalProcess();
        var environment = portal.Environment("Development");
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint;
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        environment["OTEL_BSP_SCHEDULE_DELAY"] = "500";
        environment["OTEL_SERVICE_NAME"] = "nhiportal-e2e";
        await portal.StartAsync(environment);
        using var http = new HttpClient();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !(receiver.Saw("/v1/metrics", "nhiportal.outbox.lag", "nhiportal.job.lag", "http.server.request.duration", "nhiportal-e2e")
            && receiver.Saw("/v1/traces", "/health")))
        {
            await http.GetAsync(portal.BaseUrl + "/health");
            await Task.Delay(500);
        }

        Assert.True(receiver.Saw("/v1/metrics", "nhiportal.outbox.lag", "nhiportal.job.lag", "http.server.request.duration", "nhiportal-e2e"),
            $"metrics: {string.Join(", ", receiver.Received.Select(r => $"{r.Path} {r.Body.Length} B"))}");
        Assert.True(receiver.Saw("/v1/traces", "/health"));
        Assert.All(receiver.Received, r => Assert.Equal("application/x-protobuf", r.ContentType));
    }
}
