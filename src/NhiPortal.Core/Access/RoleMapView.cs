namespace NhiPortal.Core.Access;

/// <summary>The role map in force: its entries, and where they come from (version 0: the configuration).</summary>
public sealed record RoleMapView(IReadOnlyList<KeyValuePair<string, PortalRole>> Entries, int Version, string? SavedByName, DateTime? SavedUtc, string? Note,
    bool AcceptsRoleNamesAsIs)
{
    public bool FromConfiguration => Version == 0;
}
