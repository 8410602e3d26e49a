using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Discovery.Ldap;

/// <summary>
/// Maps one directory entry to the account it is, in either dialect, or says why it cannot (no name, a time that does
/// not parse). The portal never reads a password: the credential's fingerprint is a version marker of source, DN and
/// password-change time, so a password change shows up as a new fingerprint.
/// </summary>
public sealed class LdapAccountMapper(string source, LdapDialect dialect, TimeProvider clock)
{
    private const int AccountDisable = 0x2;

    /// <summary>AD's built-in groups whose members own the domain (matched on the group's CN).</summary>
    private static readonly HashSet<string> DomainOwningGroups = new(StringComparer.OrdinalIgnoreCase)
    {
        "Domain Admins", "Enterprise Admins", "Schema Admins", "Administrators",
    };

    public const string LastLogonTimestampNote =
        "From lastLogonTimestamp, which Active Directory replicates only every 9-14 days: the last use can be up to 14 days later than shown.";

    public LdapDialect Dialect => dialect;

    /// <summary>What a search must ask for, operational attributes included (OpenLDAP returns those only when named).</summary>
    public static IReadOnlyList<string> RequestedAttributes(LdapDialect dialect) => dialect switch
    {
        LdapDialect.ActiveDirectory =>
        [
            "sAMAccountName", "cn", "description", "managedBy", "manager", "memberOf", "pwdLastSet", "accountExpires", "userAccountControl",
            "lastLogonTimestamp", "whenCreated", "servicePrincipalName", "adminCount", "objectClass",
        ],
        LdapDialect.OpenLdap =>
        [
            "uid", "cn", "description", "owner", "manager", "memberOf", "pwdChangedTime", "pwdAccountLockedTime", "authTimestamp", "createTimestamp", "objectClass",
        ],
    };

    /// <summary>SHA-256 of "&lt;source&gt;|&lt;dn&gt;|&lt;password-change time&gt;": the connector computes a rotation's new fingerprint the same way.</summary>
    public static Fingerprint PasswordFingerprint(string source, string dn, DateTime? passwordChangedUtc) =>
        Fingerprint.OfSecret($"{source}|{dn}|{(passwordChangedUtc is { } changed ? LdapTime.Format(changed) : "")}");

    public bool TryMap(LdapEntry entry, [NotNullWhen(true)] out DiscoveredAccount? account, [NotNullWhen(false)] out ObjectError? error)
    {
        account = null;
        var problems = new List<string>();
        var mapped = dialect switch
        {
            LdapDialect.ActiveDirectory => MapActiveDirectory(entry, problems),
            LdapDialect.OpenLdap => MapOpenLdap(entry, problems),
        };
        if (problems.Count > 0 || mapped is null)
        {
            // Attribute names only: a value could be anything an administrator typed.
            error = new ObjectError(entry.Dn, string.Join("; ", problems));
            return false;
        }
        error = null;
        account = mapped;
        return true;
    }

    private DiscoveredAccount? MapActiveDirectory(LdapEntry entry, List<string> problems)
    {
        var name = entry.First("sAMAccountName");
        if (name is null)
        {
            problems.Add("no sAMAccountName");
        }
        var control = 0;
        if (entry.First("userAccountControl") is { } uac && !int.TryParse(uac, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out control))
        {
            problems.Add("userAccountControl is not a number");
        }
        var passwordSet = FileTime(entry, "pwdLastSet", problems);
        var expires = FileTime(entry, "accountExpires", problems);
        var lastLogon = FileTime(entry, "lastLogonTimestamp", problems);
        var created = Generalized(entry, "whenCreated", problems);
        if (name is null || problems.Count > 0)
        {
            return null;
        }
        var groups = Sorted(entry.Values("memberOf"));
        var disabled = (control & AccountDisable) != 0;
        // adminCount=1: AdminSDHolder protects the account because it is, or was, in a privileged group.
        var privilege = groups.Any(g => DomainOwningGroups.Contains(CommonName(g))) ? PrivilegeLevel.Critical
            : entry.First("adminCount") == "1" ? PrivilegeLevel.High
            : PrivilegeLevel.Low;
        return Account(entry, name, disabled, entry.First("managedBy") ?? entry.First("manager"), groups, privilege, created, new Times(passwordSet, expires, lastLogon,
            lastLogon is null ? null : LastLogonTimestampNote));
    }

    private DiscoveredAccount? MapOpenLdap(LdapEntry entry, List<string> problems)
    {
        var name = entry.First("uid") ?? entry.First("cn");
        if (name is null)
        {
            problems.Add("no uid or cn");
        }
        var passwordSet = Generalized(entry, "pwdChangedTime", problems);
        var lastBind = Generalized(entry, "authTimestamp", problems);
        var created = Generalized(entry, "createTimestamp", problems);
        if (name is null || problems.Count > 0)
        {
            return null;
        }
        // ppolicy's lock: any value (000001010000Z is "until an administrator unlocks") means the account is locked.
        var locked = entry.Has("pwdAccountLockedTime");
        return Account(entry, name, locked, entry.First("owner") ?? entry.First("manager"), Sorted(entry.Values("memberOf")), PrivilegeLevel.Low, created,
            new Times(passwordSet, null, lastBind, null));
    }

    private sealed record Times(DateTime? PasswordSet, DateTime? Expires, DateTime? LastUsed, string? LastUsedNote);

    private DiscoveredAccount Account(LdapEntry entry, string name, bool disabled, string? owner, IReadOnlyList<string> groups, PrivilegeLevel privilege,
        DateTime? created, Times times)
    {
        var expired = times.Expires is { } expires && expires <= clock.GetUtcNow().UtcDateTime;
        return new DiscoveredAccount
        {
            ExternalId = entry.Dn,
            Name = name,
            Kind = IdentityKind.ServiceAccount,
            Description = entry.First("description") ?? $"Directory account in {source}",
            Disabled = disabled,
            OwnerHint = owner,
            Entitlements = groups,
            Privilege = privilege,
            CreatedUtc = created,
            Credential = new DiscoveredCredential
            {
                ExternalId = entry.Dn,
                Name = $"{name} password",
                Kind = CredentialKind.Password,
                StoreReference = entry.Dn,
                Fingerprint = PasswordFingerprint(source, entry.Dn, times.PasswordSet),
                IssuedUtc = times.PasswordSet,
                ExpiresUtc = times.Expires,
                LastUsedUtc = times.LastUsed,
                LastUsedNote = times.LastUsedNote,
                Enabled = !disabled && !expired,
            },
        };
    }

    private static DateTime? FileTime(LdapEntry entry, string attribute, List<string> problems)
    {
        if (entry.First(attribute) is not { } text)
        {
            return null;
        }
        if (!LdapTime.TryParseFileTime(text, out var utc))
        {
            problems.Add($"{attribute} is not a FILETIME");
        }
        return utc;
    }

    private static DateTime? Generalized(LdapEntry entry, string attribute, List<string> problems)
    {
        if (entry.First(attribute) is not { } text)
        {
            return null;
        }
        if (!LdapTime.TryParseGeneralized(text, out var utc))
        {
            problems.Add($"{attribute} is not a generalized time");
            return null;
        }
        return utc;
    }

    private static IReadOnlyList<string> Sorted(IEnumerable<string> values) =>
        values.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>The first RDN's value: "CN=Domain Admins,CN=Users,DC=corp" → "Domain Admins".</summary>
    private static string CommonName(string dn)
    {
        var rdn = LdapDistinguishedName.Parse(dn)?.FirstOrDefault();
        var equals = rdn?.IndexOf('=', StringComparison.Ordinal) ?? -1;
        return rdn is null || equals < 0 ? dn : rdn[(equals + 1)..].Replace("\\", "", StringComparison.Ordinal);
    }
}
