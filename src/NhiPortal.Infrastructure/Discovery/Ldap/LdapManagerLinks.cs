using NhiPortal.Core.Discovery;
using NhiPortal.Core.Discovery.Ldap;

namespace NhiPortal.Infrastructure.Discovery.Ldap;

/// <summary>
/// People read from a directory, and their <c>manager</c> (a DN): resolved to the manager's <c>mail</c> once every
/// person is read, since a manager may come later in the search than the people who report to them.
/// </summary>
internal sealed class LdapManagerLinks
{
    public static readonly IReadOnlyList<string> Attributes = ["mail", "manager"];

    private readonly Dictionary<string, string> _mailByDn = new(StringComparer.Ordinal);
    private readonly List<(string Mail, string ManagerDn)> _reports = [];

    public void Add(LdapEntry person)
    {
        if (person.First("mail") is not { Length: > 0 } mail)
        {
            return;
        }
        if (LdapDistinguishedName.Normalize(person.Dn) is { } key)
        {
            _mailByDn[key] = mail.Trim();
        }
        if (person.First("manager") is { } manager && LdapDistinguishedName.Normalize(manager) is { } managerKey)
        {
            _reports.Add((mail.Trim(), managerKey));
        }
    }

    /// <summary>A manager outside the people read (or without mail) is not a link: the person's manager stays as it is.</summary>
    public IReadOnlyList<ManagerLink> Links() =>
        [.. _reports.Where(r => _mailByDn.ContainsKey(r.ManagerDn)).Select(r => new ManagerLink(r.Mail, _mailByDn[r.ManagerDn]))
            .Where(l => !string.Equals(l.PersonEmail, l.ManagerEmail, StringComparison.OrdinalIgnoreCase))];
}
