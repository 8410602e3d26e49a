using Microsoft.Extensions.Configuration;
using NhiPortal.Core.Discovery.Ldap;

namespace NhiPortal.Infrastructure.Discovery.Ldap;

/// <summary>
/// <c>Discovery:Sources:&lt;name&gt;:{Url, BindDn, PasswordVariable|PasswordFile, BaseDns, Filter, Dialect (ad|openldap),
/// GroupBaseDn, PageSize, PeopleBaseDn, PeopleFilter}</c>. The password is never part of this record: <see cref="ReadPassword"/> reads it when a
/// connection is opened.
/// </summary>
public sealed record LdapSourceOptions
{
    public const string ActiveDirectoryFilter = "(&(objectCategory=person)(objectClass=user))";

    public const string OpenLdapFilter = "(|(objectClass=inetOrgPerson)(objectClass=account)(objectClass=simpleSecurityObject))";

    public required string Url { get; init; }

    public required string BindDn { get; init; }

    public required Func<string> ReadPassword { get; init; }

    public required IReadOnlyList<string> BaseDns { get; init; }

    public required LdapDialect Dialect { get; init; }

    public string? Filter { get; init; }

    /// <summary>Where groupOfNames / groupOfUniqueNames / posixGroup entries are read to resolve memberships the server does not put in memberOf.</summary>
    public string? GroupBaseDn { get; init; }

    public int PageSize { get; init; } = 500;

    /// <summary>Where the people are: their <c>mail</c> and <c>manager</c> set the staff directory's managers (escalation's second step).</summary>
    public string? PeopleBaseDn { get; init; }

    public string? PeopleFilter { get; init; }

    public string EffectivePeopleFilter => PeopleFilter ?? (Dialect == LdapDialect.ActiveDirectory ? ActiveDirectoryFilter : "(objectClass=inetOrgPerson)");

    public string EffectiveFilter => Filter ?? (Dialect == LdapDialect.ActiveDirectory ? ActiveDirectoryFilter : OpenLdapFilter);

    public static LdapSourceOptions From(IConfigurationSection section)
    {
        string Need(string key) => section[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Discovery source \"{section.Key}\" (ldap) needs Discovery:Sources:{section.Key}:{key}.");
        var bases = section.GetSection("BaseDns");
        var baseDns = bases.GetChildren().Select(c => c.Value ?? "").Concat(bases.Value?.Split(';') ?? [])
            .Select(b => b.Trim()).Where(b => b.Length > 0).ToList();
        if (baseDns.Count == 0)
        {
            throw new InvalidOperationException($"Discovery source \"{section.Key}\" (ldap) needs Discovery:Sources:{section.Key}:BaseDns (a list of base DNs).");
        }
        var dialect = section["Dialect"]?.Trim().ToLowerInvariant() switch
        {
            "ad" or "activedirectory" => LdapDialect.ActiveDirectory,
            null or "" or "openldap" => LdapDialect.OpenLdap,
            var other => throw new InvalidOperationException($"Discovery source \"{section.Key}\" has an unknown Dialect \"{other}\" (ad, openldap)."),
        };
        var bindDn = Need("BindDn");
        if (section["Password"] is { Length: > 0 })
        {
            throw new InvalidOperationException($"Discovery source \"{section.Key}\": Password is not read from configuration; name an environment variable (PasswordVariable) or a file (PasswordFile).");
        }
        if (section["PasswordVariable"] is not { Length: > 0 } && section["PasswordFile"] is not { Length: > 0 })
        {
            throw new InvalidOperationException($"Discovery source \"{section.Key}\" (ldap) needs PasswordVariable or PasswordFile for {bindDn}.");
        }
        return new LdapSourceOptions
        {
            Url = Need("Url"),
            BindDn = bindDn,
            ReadPassword = () => DiscoverySourceSettings.Secret(section, "Password") ?? "",
            BaseDns = baseDns,
            Dialect = dialect,
            Filter = section["Filter"] is { Length: > 0 } filter ? filter : null,
            GroupBaseDn = section["GroupBaseDn"] is { Length: > 0 } groups ? groups : null,
            PageSize = section.GetValue("PageSize", 500),
            PeopleBaseDn = section["PeopleBaseDn"] is { Length: > 0 } people ? people : null,
            PeopleFilter = section["PeopleFilter"] is { Length: > 0 } peopleFilter ? peopleFilter : null,
        };
    }
}
