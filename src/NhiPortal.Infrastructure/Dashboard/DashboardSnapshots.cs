using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Dashboard;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Dashboard;

/// <summary>
/// The stored organisation-wide figures: read by every view, counted again by one caller at a time (the refresh job,
/// or a view while counting is cheap). A caller that waited while another counted takes that count.
/// </summary>
public sealed class DashboardSnapshots(IDbContextFactory<NhiPortalDbContext> dbFactory, DashboardOptions options, TimeProvider clock)
{
    private static readonly PortalUser Counter = PortalUser.System("dashboard");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _generation;

    public sealed record Figures(DashboardSummary Summary, ProgrammeMetrics Programme, long ElapsedMs);

    /// <summary>The figures for a view: the stored ones, counted again first if they are stale and counting is cheap (or nothing is stored).</summary>
    public async Task<Figures> ForViewAsync(CancellationToken ct)
    {
        var (stored, latestEvent) = await ReadAsync(ct);
        if (stored is null || (stored.AuditCursor < latestEvent && stored.ElapsedMs <= options.InlineBudgetMs))
        {
            stored = await RefreshAsync(ct);
        }
        return Open(stored);
    }

    /// <summary>Counts again if something changed since the stored count (and it is old enough) or it has reached its maximum age; the new count, or null.</summary>
    public async Task<DashboardSnapshot?> RefreshIfStaleAsync(CancellationToken ct)
    {
        var (stored, latestEvent) = await ReadAsync(ct);
        var age = stored is null ? TimeSpan.MaxValue : clock.GetUtcNow().UtcDateTime - stored.ComputedUtc;
        // After a change, wait at least ten times the last count's duration: counting never takes over a tenth of the time.
        var gap = stored is null ? TimeSpan.Zero
            : TimeSpan.FromSeconds(Math.Max(options.MinRefreshSeconds, stored.ElapsedMs * 10 / 1000.0));
        var stale = stored is null || age >= TimeSpan.FromMinutes(options.MaxAgeMinutes) || (stored.AuditCursor < latestEvent && age >= gap);
        return stale ? await RefreshAsync(ct) : null;
    }

    /// <summary>Counts every figure now and stores it, unless another caller counted while this one waited its turn.</summary>
    public async Task<DashboardSnapshot> RefreshAsync(CancellationToken ct)
    {
        var generation = Volatile.Read(ref _generation);
        await _gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
            var existing = await db.DashboardSnapshots.FirstOrDefaultAsync(s => s.Id == DashboardSnapshot.Organisation, ct);
            if (existing is not null && generation != _generation)
            {
                return existing;
            }
            var watch = Stopwatch.StartNew();
            var now = clock.GetUtcNow().UtcDateTime;
            // Read before counting: a change committed during the count leaves the snapshot stale, so it is counted again.
            var cursor = await db.AuditEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0;
            var summary = await DashboardFigures.SummaryAsync(db, AccessScope.Everything, Counter, now, ct);
            var programme = await DashboardFigures.ProgrammeAsync(db, ct);
            var snapshot = existing ?? db.DashboardSnapshots.Add(new DashboardSnapshot
            {
                Id = DashboardSnapshot.Organisation, ComputedUtc = now, AuditCursor = cursor, SummaryJson = "", ProgrammeJson = "",
            }).Entity;
            snapshot.ComputedUtc = now;
            snapshot.AuditCursor = cursor;
            snapshot.SummaryJson = JsonSerializer.Serialize(summary, Json);
            snapshot.ProgrammeJson = JsonSerializer.Serialize(programme, Json);
            snapshot.ElapsedMs = watch.ElapsedMilliseconds;
            await db.SaveChangesAsync(ct);
            _generation++;
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(DashboardSnapshot? Stored, long LatestEvent)> ReadAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.DashboardSnapshots.AsNoTracking().FirstOrDefaultAsync(s => s.Id == DashboardSnapshot.Organisation, ct);
        return (stored, await db.AuditEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0);
    }

    private static Figures Open(DashboardSnapshot snapshot) => new(
        JsonSerializer.Deserialize<DashboardSummary>(snapshot.SummaryJson, Json)! with { AsOfUtc = snapshot.ComputedUtc },
        JsonSerializer.Deserialize<ProgrammeMetrics>(snapshot.ProgrammeJson, Json)! with { AsOfUtc = snapshot.ComputedUtc },
        snapshot.ElapsedMs);
}
