using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Hygiene;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Hygiene;

/// <summary>
/// Appends a hygiene policy version to the caller's context: the version row, its audit event and the full rescore
/// that commits with it. The caller saves (a direct save, or an approval in its own transaction).
/// </summary>
public sealed class HygienePolicySaver(AuditWriter audit, TimeProvider clock, FollowUps followUps)
{
    /// <summary>The version it will be; <see cref="EditConflictException"/> when <paramref name="policy"/> was edited from an older version.</summary>
    public async Task<int> AppendAsync(NhiPortalDbContext db, HygienePolicy policy, string note, PortalUser user, CancellationToken ct)
    {
        var before = await HygienePolicyStore.CurrentAsync(db, ct);
        if (policy.Version != before.Version)
        {
            throw new EditConflictException(await NewerVersionAsync(db, before.Version, policy.Version, ct));
        }
        var version = before.Version + 1;
        var saved = policy with { Version = version };
        db.HygienePolicyVersions.Add(new HygienePolicyVersion
        {
            Version = version, PolicyJson = HygienePolicyStore.Serialize(saved), SavedUtc = clock.GetUtcNow().UtcDateTime, SavedBy = user.Subject, Note = note.Trim(),
        });
        audit.Append(db, AuditStream.Access, AuditEventTypes.Access.PolicyChanged, user, "HygienePolicy", version.ToString(CultureInfo.InvariantCulture),
            $"Hygiene policy version {version} saved by {user.DisplayName}: {note.Trim()}",
            JsonDocument.Parse(HygienePolicyStore.Serialize(before)).RootElement, JsonDocument.Parse(HygienePolicyStore.Serialize(saved)).RootElement);
        // Every grade on screen follows the policy in force: the rescore commits with the new version.
        followUps.RescoreAll(db, user, $"hygiene policy version {version}");
        return version;
    }

    public static async Task<string> NewerVersionAsync(NhiPortalDbContext db, int newer, int startedFrom, CancellationToken ct)
    {
        var saved = await db.HygienePolicyVersions.AsNoTracking().Where(v => v.Version == newer).Select(v => new { v.SavedBy, v.SavedUtc, v.Note }).FirstOrDefaultAsync(ct);
        var who = saved is null ? "someone else" : $"{await LastChange.NameAsync(db, saved.SavedBy, null, ct)} at {saved.SavedUtc:yyyy-MM-dd HH:mm} UTC (\"{saved.Note}\")";
        return $"You edited version {startedFrom}, but version {newer} was saved by {who} since. Nothing was saved; reload to see it and make your change on top of it.";
    }
}
