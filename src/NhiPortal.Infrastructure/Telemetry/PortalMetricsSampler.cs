using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Telemetry;

/// <summary>
/// Reads the lags <see cref="PortalMeters"/> reports, every 15 s: four small queries (the oldest due follow-up, each
/// job's last success, each feed destination's cursor against the newest event, each source's last full read).
/// </summary>
public sealed class PortalMetricsSampler(IDbContextFactory<NhiPortalDbContext> dbFactory, TimeProvider clock, ILogger<PortalMetricsSampler> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    public async Task<PortalMetricsSample> SampleAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var oldestDue = await db.Outbox.AsNoTracking()
            .Where(m => m.CompletedUtc == null && m.GaveUpUtc == null && m.NextAttemptUtc <= now)
            .MinAsync(m => (DateTime?)m.NextAttemptUtc, ct);
        var jobs = await db.JobStatuses.AsNoTracking().Where(j => j.LastSucceededUtc != null)
            .Select(j => new { j.Name, j.LastSucceededUtc }).ToListAsync(ct);
        var newest = await db.AuditEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        var destinations = await db.FeedDestinations.AsNoTracking().Where(d => d.Enabled)
            .Select(d => new { d.Name, d.Cursor }).ToListAsync(ct);
        var sources = await db.DiscoverySources.AsNoTracking().Where(s => s.LastSuccessUtc != null)
            .Select(s => new { s.Name, s.LastSuccessUtc }).ToListAsync(ct);
        var sample = new PortalMetricsSample(
            oldestDue is { } due ? Math.Max(0, (now - due).TotalSeconds) : 0,
            jobs.ToDictionary(j => j.Name, j => Math.Max(0, (now - j.LastSucceededUtc!.Value).TotalSeconds)),
            destinations.ToDictionary(d => d.Name, d => (double)Math.Max(0, newest - d.Cursor)),
            sources.ToDictionary(s => s.Name, s => Math.Max(0, (now - s.LastSuccessUtc!.Value).TotalSeconds)));
        PortalMeters.Latest = sample;
        return sample;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Metrics never stop the portal; the last sample stays until the next one succeeds.
                logger.LogWarning(ex, "Sampling the portal's metrics failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
