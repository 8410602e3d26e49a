namespace NhiPortal.Core.Access;

/// <summary>
/// Maps the values of the IdP's role claim (app roles, groups) onto portal roles, only by explicit entries
/// (<c>RoleMap:nhi-admins = Administrator</c>; the IdP value compared case-insensitively, never trimmed or split).
/// A value spelled exactly like a portal role maps to it without an entry only when the map is built with
/// <c>acceptRoleNamesAsIs</c> (an IdP whose app roles are named after the portal's roles).
/// </summary>
public sealed class RoleMap
{
    private readonly Dictionary<string, PortalRole> _entries;

    public RoleMap(IEnumerable<KeyValuePair<string, string>> entries, bool acceptRoleNamesAsIs = false)
    {
        _entries = new Dictionary<string, PortalRole>(StringComparer.OrdinalIgnoreCase);
        foreach (var (idpValue, roleName) in entries)
        {
            // Exact names only: Enum.TryParse would also take "1" or "Reviewer,Auditor" (a combined value).
            if (!PortalRoleNames.TryParse(roleName, ignoreCase: true, out var role))
            {
                throw new ArgumentException(
                    $"RoleMap entry '{idpValue}' names '{roleName}', which is not a portal role " +
                    $"({string.Join(", ", Enum.GetNames<PortalRole>())}; one name per entry).");
            }
            _entries[idpValue] = role;
        }
        AcceptsRoleNamesAsIs = acceptRoleNamesAsIs;
    }

    private RoleMap(Dictionary<string, PortalRole> entries, bool acceptRoleNamesAsIs)
    {
        _entries = entries;
        AcceptsRoleNamesAsIs = acceptRoleNamesAsIs;
    }

    public IReadOnlyDictionary<string, PortalRole> Entries => _entries;

    /// <summary>True when a claim value spelled exactly like a portal role grants it without an entry.</summary>
    public bool AcceptsRoleNamesAsIs { get; }

    /// <summary>The same entries, with role names accepted as they are (for an IdP that issues the portal's role names).</summary>
    public RoleMap WithRoleNamesAsIs() => new(_entries, acceptRoleNamesAsIs: true);

    /// <summary>The portal roles the values grant; values that grant nothing are added to <paramref name="unmapped"/>.</summary>
    public IReadOnlySet<PortalRole> Map(IEnumerable<string> idpValues, ICollection<string>? unmapped = null)
    {
        var roles = new HashSet<PortalRole>();
        foreach (var value in idpValues)
        {
            if (_entries.TryGetValue(value, out var mapped))
            {
                roles.Add(mapped);
            }
            else if (AcceptsRoleNamesAsIs && PortalRoleNames.TryParse(value, ignoreCase: false, out var named))
            {
                roles.Add(named);
            }
            else
            {
                unmapped?.Add(value);
            }
        }
        return roles;
    }
}
