using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Revocation;

/// <summary>What a request points at: the identity (if any) and the credentials, for the dry run and the start alike.</summary>
internal static class RevocationTargets
{
    public static async Task<(string? IdentityName, bool IdentityDisabled, List<Credential> Credentials)> ResolveAsync(
        NhiPortalDbContext db, RevocationRequest request, CancellationToken ct, bool withIdentities = true)
    {
        // The dry run shows each credential's identity; the start needs only the credentials (150,000 of them for a closed campaign).
        var query = withIdentities ? db.Credentials.AsNoTracking().Include(c => c.Identity).AsQueryable() : db.Credentials.AsNoTracking();
        string? identityName = null;
        var disabled = false;
        if (request.IdentityId is { } identityId)
        {
            var identity = await db.Identities.AsNoTracking().SingleOrDefaultAsync(i => i.Id == identityId, ct) ?? throw new NotFoundException($"Identity {identityId}");
            identityName = identity.Name;
            disabled = identity.LifecycleState != IdentityLifecycleState.Active;
        }
        List<Credential> credentials;
        if (request.CredentialIds.Count == 0 && request.IdentityId is { } whole)
        {
            credentials = await query.Where(c => c.IdentityId == whole && c.State == CredentialState.Active).OrderBy(c => c.Name).ToListAsync(ct);
        }
        else
        {
            var ids = request.CredentialIds.Distinct().ToList();
            credentials = [];
            foreach (var chunk in ids.Chunk(5_000))
            {
                credentials.AddRange(await query.Where(c => chunk.Contains(c.Id)).ToListAsync(ct));
            }
            if (credentials.Count != ids.Count)
            {
                throw new NotFoundException($"{ids.Count - credentials.Count} of the chosen credentials");
            }
            // A request for one identity names only its credentials: anything else would be a selection across identities
            // passed off as one identity's containment (which never waits for a second person).
            if (request.IdentityId is { } owner && credentials.Count(c => c.IdentityId != owner) is > 0 and var others)
            {
                throw new ValidationException($"{others} of the chosen credentials do not belong to the identity; revoke them as a selection.");
            }
            credentials = credentials.OrderBy(c => c.Name).ToList();
        }
        return (identityName, disabled, credentials);
    }
}
