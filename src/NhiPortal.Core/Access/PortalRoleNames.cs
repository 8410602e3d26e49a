namespace NhiPortal.Core.Access;

/// <summary>Reads a portal role from its name and nothing else: no numbers, no comma lists, no padding.</summary>
public static class PortalRoleNames
{
    public static bool TryParse(string? value, bool ignoreCase, out PortalRole role)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var candidate in Enum.GetValues<PortalRole>())
        {
            if (string.Equals(candidate.ToString(), value, comparison))
            {
                role = candidate;
                return true;
            }
        }
        role = default;
        return false;
    }
}
