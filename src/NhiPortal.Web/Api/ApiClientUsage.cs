using System.Collections.Concurrent;
using NhiPortal.Core.Usage;

namespace NhiPortal.Web.Api;

/// <summary>
/// Each accepted API call is a use of the client's credential: counted in memory per client, address and hour, and
/// handed to the usage ingest every few seconds, so an API client gets a last use, a baseline and anomaly flags
/// (a stolen token used from a new network) like any other NHI, without a write per call.
/// </summary>
public sealed class ApiClientUsage(IUsageIngest ingest, ApiSettings settings, TimeProvider clock, ILogger<ApiClientUsage> logger) : BackgroundService
{
    private readonly record struct Key(string ClientId, string? Address, DateTime Hour);

    private readonly record struct Tally(int Count, DateTime LastUtc);

    private ConcurrentDictionary<Key, Tally> _counts = new();

    public void Record(string clientId, System.Net.IPAddress? address)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ip = address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
        _counts.AddOrUpdate(new Key(clientId, ip?.ToString(), new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc)),
            new Tally(1, now), (_, t) => new Tally(t.Count + 1, now > t.LastUtc ? now : t.LastUtc));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: what is counted goes out once more below.
        }
        await FlushAsync(CancellationToken.None);
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        if (_counts.IsEmpty || settings.ClientStore is not { } store)
        {
            return;
        }
        var taken = Interlocked.Exchange(ref _counts, new ConcurrentDictionary<Key, Tally>());
        // The bucket's last call as its time: the ingest files it under that hour and takes it as the last use.
        var events = taken.Select(c => new UsageEvent
        {
            Store = store, StoreReference = c.Key.ClientId, TimeUtc = c.Value.LastUtc, SourceAddress = c.Key.Address, Target = "nhiportal-api", Count = c.Value.Count,
        }).ToList();
        try
        {
            await ingest.IngestAsync(events, "nhiportal-api", ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Usage is evidence, not a control: a failed write is logged and the calls it counted are lost, never the calls themselves.
            logger.LogWarning(ex, "Recording {Count} API usage bucket(s) failed", events.Count);
        }
    }
}
