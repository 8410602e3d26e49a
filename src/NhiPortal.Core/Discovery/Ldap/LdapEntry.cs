namespace NhiPortal.Core.Discovery.Ldap;

/// <summary>One directory entry as read: its DN and its attributes' string values (attribute names are case-insensitive, as in LDAP).</summary>
public sealed record LdapEntry
{
    public LdapEntry(string dn, IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> attributes)
    {
        Dn = dn;
        var map = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in attributes)
        {
            map[name] = map.TryGetValue(name, out var existing) ? [.. existing, .. values] : values;
        }
        Attributes = map;
    }

    public string Dn { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes { get; }

    /// <summary>All values of an attribute; none when the entry does not have it.</summary>
    public IReadOnlyList<string> Values(string attribute) => Attributes.TryGetValue(attribute, out var values) ? values : [];

    /// <summary>The first non-blank value, or null.</summary>
    public string? First(string attribute) => Values(attribute).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    public bool Has(string attribute) => First(attribute) is not null;

    /// <summary>The same entry with more values for one attribute (group memberships resolved by a group search).</summary>
    public LdapEntry WithValues(string attribute, IEnumerable<string> values) =>
        new(Dn, Attributes.Append(new KeyValuePair<string, IReadOnlyList<string>>(attribute, values.ToList())));
}
