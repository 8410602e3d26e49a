namespace NhiPortal.Core.Access;

/// <summary>
/// Maps the values of the IdP's role claim (app roles, groups) onto portal roles. A value equal to a portal
/// role's name maps to it without an entry; anything else needs an entry (<c>RoleMap:nhi-admins = Administrator</c>).
/// </summary>
public sealed class RoleMap
{
    private readonly Dictionary<string, PortalRole> _entries;

    public RoleMap(IEnumerable<KeyValuePair<string, string>> entries)
    {
        _entries = new Dictionary<string, PortalRole>(StringComparer.OrdinalIgnoreCase);
        foreach (var (idpValue, roleName) in entries)
        {
            if (!Enum.TryParse<PortalRole>(roleName, ignoreCase: true, out var role) || !Enum.IsDefined(role))
            {
                throw new ArgumentException(
                    $"RoleMap entry '{idpValue}' names '{roleName}', which is not a portal role " +
                    $"({string.Join(", ", Enum.GetNames<PortalRole>())}).");
            }
            _entries[idpValue] = role;
        }
    }

    public IReadOnlyDictionary<string, PortalRole> Entries => _entries;

    public IReadOnlySet<PortalRole> Map(IEnumerable<string> idpValues)
    {
        var roles = new HashSet<PortalRole>();
        foreach (var value in idpValues)
        {
            if (_entries.TryGetValue(value, out var mapped))
            {
                roles.Add(mapped);
            }
            else if (Enum.TryParse<PortalRole>(value, ignoreCase: true, out var named) && Enum.IsDefined(named)
                     && !int.TryParse(value, out _))
            {
                roles.Add(named);
            }
        }
        return roles;
    }
}
