using NhiPortal.Core.Access;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Ownership;

namespace NhiPortal.Infrastructure.Access;

/// <summary>Cuts a query to what the caller's scope reaches: everything, or only what they own.</summary>
internal static class ScopeFilters
{
    public static IQueryable<NonHumanIdentity> ScopedTo(this IQueryable<NonHumanIdentity> query, AccessScope scope, PortalUser user) =>
        scope == AccessScope.OwnIdentities ? query.Where(OwnedBy.Identity(user.ScopeSubject)) : query;

    public static IQueryable<Credential> ScopedTo(this IQueryable<Credential> query, AccessScope scope, PortalUser user) =>
        scope == AccessScope.OwnIdentities ? query.Where(OwnedBy.Credential(user.ScopeSubject)) : query;
}

/// <summary>The caller's row in the staff directory: the one way the services find "me" from a signed-in subject.</summary>
internal static class StaffLookup
{
    public static Task<Guid?> IdOfAsync(this IQueryable<StaffMember> staff, string subject, bool activeOnly, CancellationToken ct) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(
            staff.Where(s => s.Subject == subject && (!activeOnly || s.IsActive)).Select(s => (Guid?)s.Id), ct);

    /// <summary>
    /// The staff members whose email is one of <paramref name="emails"/> (compared case-insensitively), read in chunks
    /// within SQL parameter limits, in id order so that "the first with this email" is the same every time. Tracked or
    /// not as <paramref name="staff"/> is.
    /// </summary>
    public static async Task<List<StaffMember>> WithEmailsAsync(this IQueryable<StaffMember> staff, IEnumerable<string> emails, CancellationToken ct)
    {
        var found = new List<StaffMember>();
        foreach (var chunk in emails.Select(e => e.ToLowerInvariant()).Distinct().Chunk(500))
        {
            found.AddRange(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                staff.Where(s => s.Email != null && chunk.Contains(s.Email.ToLower())).OrderBy(s => s.Id), ct));
        }
        return [.. found.OrderBy(s => s.Id)];
    }

    /// <summary>People who may be asked to review (a lead, a manager, the fallback pool), with the roles their last sign-in showed, read in chunks.</summary>
    public static async Task<Dictionary<Guid, Core.Reviews.ReviewerCandidate>> ReviewerCandidatesAsync(this IQueryable<StaffMember> staff, IEnumerable<Guid> ids,
        CancellationToken ct)
    {
        var result = new Dictionary<Guid, Core.Reviews.ReviewerCandidate>();
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            foreach (var s in await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                         staff.Where(s => chunk.Contains(s.Id)).Select(s => new { s.Id, s.DisplayName, s.IsActive, s.PortalRoles }), ct))
            {
                result[s.Id] = new Core.Reviews.ReviewerCandidate(s.Id, s.DisplayName, s.IsActive, s.PortalRoles);
            }
        }
        return result;
    }

    /// <summary>Display names of many staff members (reviewers, delegators), read in chunks within SQL parameter limits.</summary>
    public static async Task<Dictionary<Guid, string>> NamesOfAsync(this IQueryable<StaffMember> staff, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var names = new Dictionary<Guid, string>();
        foreach (var chunk in ids.Distinct().Chunk(2_000))
        {
            foreach (var s in await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                         staff.Where(s => chunk.Contains(s.Id)).Select(s => new { s.Id, s.DisplayName }), ct))
            {
                names[s.Id] = s.DisplayName;
            }
        }
        return names;
    }
}
