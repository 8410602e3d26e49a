using Microsoft.Extensions.Configuration;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Infrastructure.Discovery;

/// <summary>
/// What every source shares, from <c>Discovery:Sources:&lt;name&gt;</c>: how often it syncs and which environment its
/// accounts belong to. Secrets are never here: a source names an environment variable (<c>PasswordVariable</c>,
/// <c>ClientSecretVariable</c>) or a file, and reads it when it connects.
/// </summary>
public sealed record DiscoverySourceSettings(string Name, string Kind, DeploymentEnvironment Environment, TimeSpan Interval, TimeSpan Timeout)
{
    public static DiscoverySourceSettings From(IConfigurationSection section) => new(
        section.Key,
        section["Kind"]?.Trim().ToLowerInvariant() ?? throw new InvalidOperationException($"Discovery source \"{section.Key}\" needs Discovery:Sources:{section.Key}:Kind (ldap, postgresql, keycloak)."),
        Enum.TryParse<DeploymentEnvironment>(section["Environment"], true, out var environment) ? environment : DeploymentEnvironment.Production,
        TimeSpan.FromMinutes(section.GetValue("IntervalMinutes", 60.0)),
        TimeSpan.FromSeconds(section.GetValue("TimeoutSeconds", 30.0)));

    /// <summary>Reads a secret named by reference: <c>&lt;key&gt;Variable</c> (an environment variable) or <c>&lt;key&gt;File</c>.</summary>
    public static string? Secret(IConfigurationSection section, string key)
    {
        if (section[key + "Variable"] is { Length: > 0 } variable)
        {
            return System.Environment.GetEnvironmentVariable(variable)
                ?? throw new InvalidOperationException($"Discovery source \"{section.Key}\": the environment variable {variable} named by {key}Variable is not set.");
        }
        if (section[key + "File"] is { Length: > 0 } file)
        {
            return File.ReadAllText(file).Trim();
        }
        if (section[key] is { Length: > 0 })
        {
            throw new InvalidOperationException($"Discovery source \"{section.Key}\": {key} is not read from configuration; name an environment variable ({key}Variable) or a file ({key}File).");
        }
        return null;
    }
}
