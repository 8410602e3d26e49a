using System.Globalization;
using System.Text;

namespace NhiPortal.Core.Discovery.Ldap;

/// <summary>
/// DNs compared as directories compare them (RFC 4514): per RDN, attribute types and values case-insensitively,
/// spaces around separators ignored, escapes (<c>\,</c>, <c>\2C</c>) decoded. A plain string suffix test would let
/// <c>uid=x,ou=evilservices,dc=a</c> pass for <c>ou=services,dc=a</c>, or miss <c>OU=Services, DC=a</c>.
/// </summary>
public static class LdapDistinguishedName
{
    /// <summary>The DN's RDNs in order (leaf first), each normalised; null when it is not a well-formed DN.</summary>
    public static IReadOnlyList<string>? Parse(string? dn)
    {
        if (dn is null)
        {
            return null;
        }
        var rdns = new List<string>();
        var components = new List<string>();
        var type = new StringBuilder();
        var value = new List<byte>();
        var inValue = false;
        var pendingSpaces = 0;
        var text = dn.Trim();
        if (text.Length == 0)
        {
            return [];
        }
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (!inValue)
            {
                if (ch == '=')
                {
                    if (type.ToString().Trim().Length == 0)
                    {
                        return null;
                    }
                    inValue = true;
                    pendingSpaces = 0;
                    while (i + 1 < text.Length && text[i + 1] == ' ')
                    {
                        i++;
                    }
                }
                else if (ch is ',' or ';' or '+')
                {
                    return null;
                }
                else
                {
                    type.Append(ch);
                }
                continue;
            }
            if (ch == '\\')
            {
                if (i + 1 >= text.Length)
                {
                    return null;
                }
                AppendSpaces(value, ref pendingSpaces);
                if (i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
                {
                    value.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                }
                else
                {
                    value.AddRange(Encoding.UTF8.GetBytes(text[i + 1].ToString()));
                    i++;
                }
            }
            else if (ch is ',' or ';' or '+')
            {
                components.Add(Component(type, value));
                if (ch != '+')
                {
                    rdns.Add(string.Join('+', components.Order(StringComparer.Ordinal)));
                    components.Clear();
                }
                type.Clear();
                value.Clear();
                inValue = false;
                pendingSpaces = 0;
                while (i + 1 < text.Length && text[i + 1] == ' ')
                {
                    i++;
                }
            }
            else if (ch == ' ')
            {
                // Unescaped trailing spaces are not part of the value; inner ones are.
                pendingSpaces++;
            }
            else
            {
                AppendSpaces(value, ref pendingSpaces);
                value.AddRange(Encoding.UTF8.GetBytes(ch.ToString()));
            }
        }
        if (!inValue)
        {
            return null;
        }
        components.Add(Component(type, value));
        rdns.Add(string.Join('+', components.Order(StringComparer.Ordinal)));
        return rdns;
    }

    /// <summary>One canonical spelling, for keys and comparison; null when not a DN.</summary>
    public static string? Normalize(string? dn) => Parse(dn) is { } rdns ? string.Join(',', rdns) : null;

    /// <summary>True when <paramref name="dn"/> lies strictly below <paramref name="baseDn"/> (the base itself is a container, not an account).</summary>
    public static bool IsBelow(string dn, string baseDn)
    {
        var entry = Parse(dn);
        var container = Parse(baseDn);
        if (entry is null || container is null || container.Count == 0 || entry.Count <= container.Count)
        {
            return false;
        }
        var offset = entry.Count - container.Count;
        return container.Select((rdn, i) => entry[offset + i] == rdn).All(same => same);
    }

    private static void AppendSpaces(List<byte> value, ref int pendingSpaces)
    {
        for (; pendingSpaces > 0; pendingSpaces--)
        {
            value.Add((byte)' ');
        }
    }

    // Escaped again so a ',' or '+' inside a value cannot pass for a separator in the joined form.
    private static string Component(StringBuilder type, List<byte> value)
    {
        var decoded = Encoding.UTF8.GetString(value.ToArray()).ToLowerInvariant();
        var escaped = new StringBuilder();
        foreach (var ch in decoded)
        {
            if (ch is ',' or '+' or '\\' or '=' or ';' or '"' or '<' or '>' or '#')
            {
                escaped.Append('\\');
            }
            escaped.Append(ch);
        }
        return type.ToString().Trim().ToLowerInvariant() + "=" + escaped;
    }
}
