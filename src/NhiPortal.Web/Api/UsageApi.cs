using Microsoft.AspNetCore.Http.HttpResults;
using NhiPortal.Core.Access;
using NhiPortal.Core.Usage;

namespace NhiPortal.Web.Api;

/// <summary>Usage events in batches, into the same ingest the discovery sources feed.</summary>
public static class UsageApi
{
    public static void Map(RouteGroupBuilder api, ApiSettings settings) =>
        api.MapPost("/usage-events", IngestAsync).WithName("IngestUsageEvents").WithTags("Usage")
            .WithSummary($"Takes up to {UsageBatchBody.MaxEvents:N0} usage events; returns how many matched a credential.")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(settings.MaxUsageBatchBytes));

    private static async Task<Ok<UsageIngestResult>> IngestAsync(UsageBatchBody body, IUsageIngest ingest, ICurrentUser caller, UsageOptions options,
        TimeProvider clock, CancellationToken ct)
    {
        // The ingest trusts its callers (sources and jobs); here the caller is a machine, so the role is checked first.
        var user = await caller.GetAsync();
        user.Demand(Capability.RunDiscovery);
        if (body.Events.Count > UsageBatchBody.MaxEvents)
        {
            throw new ApiInputException("events", $"At most {UsageBatchBody.MaxEvents:N0} events per batch.");
        }
        if (string.IsNullOrWhiteSpace(body.Origin) || body.Origin.Length > 100)
        {
            throw new ApiInputException("origin", "origin names the collector, 1 to 100 characters.");
        }
        // The ingest skips a bad event and takes the rest; a machine's batch is all or nothing, so each is checked first.
        var now = clock.GetUtcNow().UtcDateTime;
        var events = new List<UsageEvent>(body.Events.Count);
        for (var i = 0; i < body.Events.Count; i++)
        {
            if (body.Events[i] is not { } e)
            {
                throw new ApiInputException($"events[{i}]", $"events[{i}] is null.");
            }
            if (e.TimeUtc.Kind == DateTimeKind.Unspecified)
            {
                throw new ApiInputException($"events[{i}].timeUtc", $"events[{i}].timeUtc needs a time zone (e.g. 2026-12-01T09:00:00Z).");
            }
            var utc = e with { TimeUtc = e.TimeUtc.ToUniversalTime() };
            if (UsageEventRules.Check(utc, now, options) is var (field, problem))
            {
                var name = field == "credentialId" ? $"events[{i}]" : $"events[{i}].{field}";
                throw new ApiInputException(name, $"{name}: {problem}");
            }
            events.Add(utc);
        }
        return TypedResults.Ok(await ingest.IngestAsync(events, $"api:{user.DisplayName} ({body.Origin.Trim()})", ct));
    }
}
