using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Discovery;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Discovery;

/// <summary>Loads what the portal holds for one source's accounts, untracked, in one query each way.</summary>
internal static class KnownAccounts
{
    /// <summary>The portal's external ids are "&lt;source&gt;:&lt;id&gt;", so two sources with the same account names never collide.</summary>
    public static string Key(string source, string externalId) => $"{source}:{externalId}";

    public static async Task<List<KnownAccount>> LoadAsync(NhiPortalDbContext db, string source, CancellationToken ct)
    {
        var prefix = source + ":";
        var identities = await db.Identities.AsNoTracking().Where(i => i.DiscoveredBy == source)
            .Select(i => new
            {
                i.Id, i.ExternalId, i.Name, i.LifecycleState, i.StateFromSource, i.OwnerId, OwnerName = i.Owner != null ? i.Owner.DisplayName : null,
                i.OwnerHint, i.ProposedOwnerId, i.PrivilegeLevel, i.Entitlements, i.GoneFromSourceUtc,
            })
            .ToListAsync(ct);
        // The current credential of each: the one still carrying the source's id (a rotated predecessor has none).
        var credentials = await db.Credentials.AsNoTracking().Where(c => c.DiscoveredBy == source && c.ExternalId != null && c.IdentityId != null)
            .Select(c => new { c.IdentityId, c.Id, c.State, c.Fingerprint, c.IssuedUtc, c.ExpiresUtc, c.LastUsedUtc, c.GoneFromSourceUtc, c.StateChangedUtc })
            .ToListAsync(ct);
        var byIdentity = credentials.GroupBy(c => c.IdentityId!.Value).ToDictionary(g => g.Key, g => g.First());
        return identities.Where(i => i.ExternalId is not null && i.ExternalId.StartsWith(prefix, StringComparison.Ordinal))
            .Select(i => new KnownAccount
            {
                IdentityId = i.Id,
                ExternalId = i.ExternalId![prefix.Length..],
                Name = i.Name,
                State = i.LifecycleState,
                StateFromSource = i.StateFromSource,
                OwnerId = i.OwnerId,
                OwnerName = i.OwnerName,
                OwnerHint = i.OwnerHint,
                ProposedOwnerId = i.ProposedOwnerId,
                Privilege = i.PrivilegeLevel,
                Entitlements = i.Entitlements,
                GoneUtc = i.GoneFromSourceUtc,
                Credential = byIdentity.TryGetValue(i.Id, out var c)
                    ? new KnownCredential
                    {
                        CredentialId = c.Id, State = c.State, Fingerprint = c.Fingerprint, IssuedUtc = c.IssuedUtc, ExpiresUtc = c.ExpiresUtc,
                        LastUsedUtc = c.LastUsedUtc, GoneUtc = c.GoneFromSourceUtc, StateChangedUtc = c.StateChangedUtc,
                    }
                    : null,
            })
            .ToList();
    }
}
