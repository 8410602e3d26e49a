using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Access;

/// <summary>
/// The role map in force for sign-ins and API tokens: the latest saved version, else the configuration's. Read again
/// at most every <see cref="Refresh"/> (a change made on another instance applies within it; one made here at once),
/// so an API call does not read the database for it.
/// </summary>
public sealed class RoleMapStore(IDbContextFactory<NhiPortalDbContext> dbFactory, ConfiguredRoleMap configured, TimeProvider clock)
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(30);

    private sealed record Snapshot(RoleMap Map, DateTimeOffset ReadAt);

    // One reference, swapped whole: requests on many threads read it without a lock.
    private volatile Snapshot? _cached;

    public async Task<RoleMap> CurrentAsync(CancellationToken ct = default)
    {
        if (_cached is { } cached && clock.GetUtcNow() - cached.ReadAt < Refresh)
        {
            return cached.Map;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var latest = await LatestAsync(db, ct);
        var map = latest is null ? configured.Map : new RoleMap(Entries(latest.EntriesJson), configured.Map.AcceptsRoleNamesAsIs);
        _cached = new Snapshot(map, clock.GetUtcNow());
        return map;
    }

    /// <summary>After a save here: the next sign-in reads the new version.</summary>
    public void Forget() => _cached = null;

    public static Task<RoleMapVersion?> LatestAsync(NhiPortalDbContext db, CancellationToken ct) =>
        db.RoleMapVersions.AsNoTracking().OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);

    public static IReadOnlyList<KeyValuePair<string, string>> Entries(string json) =>
        [.. (JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []).OrderBy(e => e.Key, StringComparer.Ordinal)];

    public static string Serialize(IEnumerable<KeyValuePair<string, string>> entries) =>
        JsonSerializer.Serialize(entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal));
}
