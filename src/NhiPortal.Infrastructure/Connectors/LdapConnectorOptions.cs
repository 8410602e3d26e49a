using Microsoft.Extensions.Configuration;
using NhiPortal.Core.Discovery.Ldap;

namespace NhiPortal.Infrastructure.Connectors;

/// <summary>
/// <c>Connectors:&lt;name&gt;:{Kind: ldap, Url, BindDn, PasswordVariable|PasswordFile, Dialect (ad|openldap),
/// ManagedBaseDns, DeliveryDirectory, TimeoutSeconds}</c>. The bind password is read on each connect, never kept here.
/// </summary>
public sealed record LdapConnectorOptions
{
    public required string Url { get; init; }

    public required string BindDn { get; init; }

    public required Func<string> ReadPassword { get; init; }

    public required LdapDialect Dialect { get; init; }

    /// <summary>The containers whose accounts it may manage; empty manages nothing.</summary>
    public required IReadOnlyList<string> ManagedBaseDns { get; init; }

    /// <summary>With it, a rotated password is written there (one owner-only file per DN) instead of being shown once.</summary>
    public string? DeliveryDirectory { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public static LdapConnectorOptions From(IConfigurationSection section)
    {
        string Need(string key) => section[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Connector \"{section.Key}\" (ldap) needs Connectors:{section.Key}:{key}.");
        if (section["Password"] is { Length: > 0 })
        {
            throw new InvalidOperationException($"Connector \"{section.Key}\": Password is not read from configuration; name an environment variable (PasswordVariable) or a file (PasswordFile).");
        }
        var variable = section["PasswordVariable"];
        var file = section["PasswordFile"];
        if (string.IsNullOrEmpty(variable) && string.IsNullOrEmpty(file))
        {
            throw new InvalidOperationException($"Connector \"{section.Key}\" (ldap) needs PasswordVariable or PasswordFile.");
        }
        var list = section.GetSection("ManagedBaseDns");
        var url = Need("Url");
        var dialect = section["Dialect"]?.Trim().ToLowerInvariant() switch
        {
            "ad" or "activedirectory" => LdapDialect.ActiveDirectory,
            null or "" or "openldap" => LdapDialect.OpenLdap,
            var other => throw new InvalidOperationException($"Connector \"{section.Key}\" has an unknown Dialect \"{other}\" (ad, openldap)."),
        };
        if (dialect == LdapDialect.ActiveDirectory && !url.StartsWith("ldaps://", StringComparison.OrdinalIgnoreCase))
        {
            // Active Directory accepts a new unicodePwd only over an encrypted connection: fail at start-up, not mid-incident.
            throw new InvalidOperationException($"Connector \"{section.Key}\" (ldap, Dialect ad) needs an ldaps:// Url: Active Directory refuses password changes over plain LDAP.");
        }
        return new LdapConnectorOptions
        {
            Url = url,
            BindDn = Need("BindDn"),
            ReadPassword = () => !string.IsNullOrEmpty(variable)
                ? Environment.GetEnvironmentVariable(variable) ?? throw new InvalidOperationException($"Connector \"{section.Key}\": the environment variable {variable} named by PasswordVariable is not set.")
                : File.ReadAllText(file!).Trim(),
            Dialect = dialect,
            ManagedBaseDns = list.GetChildren().Select(c => c.Value ?? "").Concat(list.Value?.Split(';') ?? [])
                .Select(b => b.Trim()).Where(b => b.Length > 0).ToList(),
            DeliveryDirectory = section["DeliveryDirectory"] is { Length: > 0 } directory ? directory : null,
            Timeout = TimeSpan.FromSeconds(section.GetValue("TimeoutSeconds", 30.0)),
        };
    }
}
