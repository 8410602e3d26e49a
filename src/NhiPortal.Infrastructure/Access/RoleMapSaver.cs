using System.Text.Json;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Access;

/// <summary>Appends a role map version in the caller's transaction, with its event (the entries before and after).</summary>
public sealed class RoleMapSaver(AuditWriter audit, TimeProvider clock, ConfiguredRoleMap configured)
{
    public async Task<int> AppendAsync(NhiPortalDbContext db, IReadOnlyList<KeyValuePair<string, string>> entries, int baseVersion, string note, PortalUser user,
        CancellationToken ct)
    {
        if (RoleMapRules.Validate(entries, configured.Map.AcceptsRoleNamesAsIs) is { Count: > 0 } problems)
        {
            throw new ValidationException(string.Join(" ", problems));
        }
        var latest = await RoleMapStore.LatestAsync(db, ct);
        if ((latest?.Version ?? 0) != baseVersion)
        {
            throw new EditConflictException($"You edited role map version {baseVersion}, but version {latest?.Version ?? 0} was saved by {latest?.SavedByName ?? "someone else"} since. Nothing was saved; reload and make your change on top of it.");
        }
        var before = latest is null ? [.. configured.Map.Entries.Select(e => new KeyValuePair<string, string>(e.Key, e.Value.ToString()))] : RoleMapStore.Entries(latest.EntriesJson);
        var version = baseVersion + 1;
        var json = RoleMapStore.Serialize(entries);
        db.RoleMapVersions.Add(new RoleMapVersion
        {
            Version = version, EntriesJson = json, SavedUtc = clock.GetUtcNow().UtcDateTime, SavedBy = user.Subject, SavedByName = user.DisplayName, Note = note.Trim(),
        });
        audit.Append(db, AuditStream.Access, AuditEventTypes.Access.RoleMapChanged, user, "RoleMap", version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"Role map version {version} saved by {user.DisplayName} ({entries.Count} entries): {note.Trim()}",
            JsonDocument.Parse(RoleMapStore.Serialize(before)).RootElement, JsonDocument.Parse(json).RootElement);
        return version;
    }
}
