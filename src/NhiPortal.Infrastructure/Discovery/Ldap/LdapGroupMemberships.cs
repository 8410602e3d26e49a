using NhiPortal.Core.Discovery.Ldap;

namespace NhiPortal.Infrastructure.Discovery.Ldap;

/// <summary>Which groups name an entry as a member: by DN (member, uniqueMember) or, for posixGroup, by uid (memberUid).</summary>
internal sealed class LdapGroupMemberships
{
    public static readonly IReadOnlyList<string> Attributes = ["member", "uniqueMember", "memberUid"];

    private readonly Dictionary<string, List<string>> _byMemberDn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _byUid = new(StringComparer.OrdinalIgnoreCase);

    public void Add(LdapEntry group)
    {
        // uniqueMember may carry "#'0101'B" (a UID suffix, RFC 4517 Name and Optional UID); the DN is before it.
        foreach (var member in group.Values("member").Concat(group.Values("uniqueMember").Select(m => m.Split('#')[0])))
        {
            if (LdapDistinguishedName.Normalize(member) is { } key)
            {
                Append(_byMemberDn, key, group.Dn);
            }
        }
        foreach (var uid in group.Values("memberUid"))
        {
            Append(_byUid, uid.Trim(), group.Dn);
        }
    }

    public IEnumerable<string> For(LdapEntry entry)
    {
        var byDn = LdapDistinguishedName.Normalize(entry.Dn) is { } key && _byMemberDn.TryGetValue(key, out var groups) ? groups : [];
        var byUid = entry.First("uid") is { } uid && _byUid.TryGetValue(uid, out var posix) ? posix : [];
        return byDn.Concat(byUid);
    }

    private static void Append(Dictionary<string, List<string>> map, string key, string group)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }
        list.Add(group);
    }
}
