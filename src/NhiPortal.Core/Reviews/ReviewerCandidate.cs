using NhiPortal.Core.Access;

namespace NhiPortal.Core.Reviews;

/// <summary>
/// Someone the reviewer rule may pick. <paramref name="RolesAtLastSignIn"/> is what the portal last saw at sign-in
/// (comma-separated role names, "" for none); null means never signed in, so unknown.
/// </summary>
public sealed record ReviewerCandidate(Guid Id, string Name, bool Active, string? RolesAtLastSignIn)
{
    /// <summary>
    /// False only for a person known to hold no deciding role (no role at all, or Auditor only). A person never seen
    /// at sign-in stays a candidate: owners imported from the directory are most owners, and skipping them all would
    /// send nearly every item to the fallback; their first sign-in tells the portal more.
    /// </summary>
    public bool CanDecide => RolesAtLastSignIn is null || AccessPolicy.ScopeFor(Roles(RolesAtLastSignIn), Capability.DecideReviewItems) != AccessScope.None;

    public static IReadOnlyList<PortalRole> Roles(string stored) =>
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => PortalRoleNames.TryParse(n, ignoreCase: false, out var role) ? role : (PortalRole?)null).OfType<PortalRole>().ToList();

    /// <summary>How a set of roles is stored on the staff row: role names in the matrix's order, comma-separated.</summary>
    public static string Store(IEnumerable<PortalRole> roles) => string.Join(",", roles.Distinct().Order());
}
