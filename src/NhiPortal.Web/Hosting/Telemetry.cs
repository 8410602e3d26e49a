using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NhiPortal.Infrastructure.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NhiPortal.Web.Hosting;

/// <summary>
/// OpenTelemetry metrics and traces, exported over OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
/// (protocol, headers, interval and service name from the other standard <c>OTEL_*</c> variables): ASP.NET Core
/// requests, EF Core commands and the portal's own meters (<see cref="PortalMeters"/>). Without the endpoint nothing
/// is collected or sent.
/// </summary>
public static class Telemetry
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IHostApplicationBuilder AddNhiTelemetry(this IHostApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[EndpointVariable]))
        {
            return builder;
        }
        var instance = $"{Environment.MachineName}-{Environment.ProcessId}";
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "nhiportal", serviceInstanceId: instance))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter(PortalMeters.Name))
            .WithTracing(t => t.AddAspNetCoreInstrumentation().AddEntityFrameworkCoreInstrumentation())
            .UseOtlpExporter();
        builder.Services.AddHostedService<PortalMetricsSampler>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitCounter>());
        return builder;
    }

    /// <summary>Counts this instance's open circuits for <c>nhiportal.circuits.active</c>.</summary>
    private sealed class CircuitCounter : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            PortalMeters.ActiveCircuits.Add(1);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            PortalMeters.ActiveCircuits.Add(-1);
            return Task.CompletedTask;
        }
    }
}
