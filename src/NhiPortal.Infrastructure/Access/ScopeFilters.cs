using NhiPortal.Core.Access;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Ownership;

namespace NhiPortal.Infrastructure.Access;

/// <summary>Cuts a query to what the caller's scope reaches: everything, or only what they own.</summary>
internal static class ScopeFilters
{
    public static IQueryable<NonHumanIdentity> ScopedTo(this IQueryable<NonHumanIdentity> query, AccessScope scope, PortalUser user) =>
        scope == AccessScope.OwnIdentities ? query.Where(OwnedBy.Identity(user.Subject)) : query;

    public static IQueryable<Credential> ScopedTo(this IQueryable<Credential> query, AccessScope scope, PortalUser user) =>
        scope == AccessScope.OwnIdentities ? query.Where(OwnedBy.Credential(user.Subject)) : query;
}
