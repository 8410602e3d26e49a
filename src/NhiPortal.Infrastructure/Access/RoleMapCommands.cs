using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Approvals;
using NhiPortal.Core.Common;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Access;

/// <summary>
/// The role map an administrator edits in the portal. With <see cref="FourEyesPolicy.RoleMap"/> a change is never
/// saved directly: it is asked for (<see cref="IApprovalCommands.RequestRoleMapChangeAsync"/>) and a second
/// administrator's approval saves it. The version is unique, so two saves from one version cannot both land.
/// </summary>
public sealed class RoleMapCommands(IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, RoleMapSaver saver, RoleMapStore store,
    ConfiguredRoleMap configured, FourEyesPolicy fourEyes) : IRoleMapCommands
{
    public async Task<RoleMapView> GetAsync(CancellationToken ct = default)
    {
        (await currentUser.GetAsync()).Demand(Capability.ManagePolicy);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var latest = await RoleMapStore.LatestAsync(db, ct);
        var accepts = configured.Map.AcceptsRoleNamesAsIs;
        if (latest is null)
        {
            return new RoleMapView([.. configured.Map.Entries.OrderBy(e => e.Key, StringComparer.Ordinal)], 0, null, null, null, accepts);
        }
        var entries = new RoleMap(RoleMapStore.Entries(latest.EntriesJson), accepts).Entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        return new RoleMapView(entries, latest.Version, latest.SavedByName, latest.SavedUtc, latest.Note, accepts);
    }

    public async Task<int> SaveAsync(IReadOnlyList<KeyValuePair<string, string>> entries, int baseVersion, string note, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.ManagePolicy);
        note = Reasons.Require(note, "Say why the role map changes; the note is kept with the version and in the audit log");
        if (fourEyes.RoleMap)
        {
            throw new ApprovalRequiredException(FourEyesPolicy.RoleMapExplanation);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var version = await saver.AppendAsync(db, entries, baseVersion, note, user, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new EditConflictException("Another role map version was saved a moment ago. Nothing was saved; reload and make your change on top of it.");
        }
        await transaction.CommitAsync(ct);
        store.Forget();
        return version;
    }
}
