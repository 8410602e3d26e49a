namespace NhiPortal.Core.Access;

/// <summary>
/// A role map saved in the portal (append-only, one row per version): from the first one on, it replaces the
/// configuration's <c>Authentication:Oidc:RoleMap</c>. Only the entries are kept here; the claim type and whether
/// role names count as they are stay configuration, as they describe the IdP.
/// </summary>
public sealed class RoleMapVersion
{
    public required int Version { get; set; }

    /// <summary>IdP value → portal role name, as JSON.</summary>
    public required string EntriesJson { get; set; }

    public required DateTime SavedUtc { get; set; }

    public required string SavedBy { get; set; }

    public required string SavedByName { get; set; }

    public required string Note { get; set; }
}
