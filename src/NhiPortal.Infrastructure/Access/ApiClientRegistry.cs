using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Access;

/// <summary>
/// Finds the NHI behind an API client: the identity holding a credential with the client id as its reference in the
/// store that holds the IdP's clients. Asked when a bearer token is validated, before any caller exists, so it needs no role.
/// </summary>
public sealed class ApiClientRegistry(IDbContextFactory<NhiPortalDbContext> dbFactory)
{
    public async Task<ApiClientStanding> LookUpAsync(string store, string clientId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var holders = await db.Credentials.AsNoTracking()
            .Where(c => c.Store == store && c.StoreReference == clientId && c.IdentityId != null)
            .Select(c => new ApiClientStanding.Holder(c.IdentityId!.Value, c.Identity!.Name, c.Identity.LifecycleState, c.Identity.OwnerId, c.State)
            {
                OwnerActive = c.Identity.Owner == null || c.Identity.Owner.IsActive,
                TeamDissolved = c.Identity.Team != null && c.Identity.Team.IsDissolved,
                OwnerSubject = c.Identity.Owner != null ? c.Identity.Owner.Subject : null,
            })
            .Take(20)
            .ToListAsync(ct);
        return ApiClientStanding.Judge(clientId, store, holders);
    }
}
