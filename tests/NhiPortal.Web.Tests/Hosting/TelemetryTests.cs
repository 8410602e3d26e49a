using Microsoft.AspNetCore.Builder;
using NhiPortal.Infrastructure.Telemetry;
using NhiPortal.Web.Hosting;
using OpenTelemetry.Metrics;

namespace NhiPortal.Web.Tests.Hosting;

public class TelemetryTests
{
    [Fact]
    public void WithoutTheStandardEndpointVariable_NoProviderOrSamplerIsRegistered()
    {
        var builder = WebApplication.CreateSlimBuilder();

        builder.AddNhiTelemetry();

        Assert.DoesNotContain(builder.Services, d => d.ServiceType == typeof(MeterProvider));
        Assert.DoesNotContain(builder.Services, d => d.ImplementationType == typeof(PortalMetricsSampler));
    }

    [Fact]
    public void WithIt_MetricsTracesAndTheSamplerAre()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration[Telemetry.EndpointVariable] = "http://127.0.0.1:4318";

        builder.AddNhiTelemetry();

        Assert.Contains(builder.Services, d => d.ServiceType == typeof(MeterProvider));
        Assert.Contains(builder.Services, d => d.ServiceType == typeof(OpenTelemetry.Trace.TracerProvider));
        Assert.Contains(builder.Services, d => d.ImplementationType == typeof(PortalMetricsSampler));
    }
}
