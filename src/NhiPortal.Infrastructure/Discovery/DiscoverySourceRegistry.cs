using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using NhiPortal.Core.Discovery;
using NhiPortal.Infrastructure.Discovery.Keycloak;
using NhiPortal.Infrastructure.Discovery.Ldap;
using NhiPortal.Infrastructure.Discovery.Postgres;

namespace NhiPortal.Infrastructure.Discovery;

/// <summary>
/// Sources by name, from <c>Discovery:Sources:&lt;name&gt;:{Kind, ...}</c>. A configuration error stops start-up with
/// the source's name; a source that cannot be reached only fails its own runs.
/// </summary>
public sealed class DiscoverySourceRegistry(IEnumerable<(IDiscoverySource Source, DiscoverySourceSettings Settings)> sources)
{
    private readonly Dictionary<string, (IDiscoverySource Source, DiscoverySourceSettings Settings)> _byName =
        sources.ToDictionary(s => s.Source.Name, StringComparer.OrdinalIgnoreCase);

    public static DiscoverySourceRegistry Empty { get; } = new([]);

    public static DiscoverySourceRegistry FromConfiguration(IConfiguration configuration, IHttpClientFactory httpClients, TimeProvider clock, ILogger? logger = null)
    {
        var sources = new List<(IDiscoverySource, DiscoverySourceSettings)>();
        foreach (var section in configuration.GetSection("Discovery:Sources").GetChildren())
        {
            var settings = DiscoverySourceSettings.From(section);
            IDiscoverySource source = settings.Kind switch
            {
                DiscoverySourceKinds.Ldap => LdapDirectorySource.FromConfiguration(section, settings, clock),
                DiscoverySourceKinds.PostgreSql => PostgresRoleSource.FromConfiguration(section, settings, clock, logger),
                DiscoverySourceKinds.Keycloak => KeycloakClientSource.FromConfiguration(section, settings, httpClients.CreateClient("discovery-keycloak")),
                _ => throw new InvalidOperationException($"Discovery source \"{section.Key}\" has an unknown Kind \"{section["Kind"]}\" (ldap, postgresql, keycloak)."),
            };
            logger?.LogInformation("Discovery source {Source} ({Kind}) reads {Location} every {Interval}", source.Name, source.Kind, source.Location, settings.Interval);
            sources.Add((source, settings));
        }
        return new DiscoverySourceRegistry(sources);
    }

    public IReadOnlyList<IDiscoverySource> All => _byName.Values.Select(s => s.Source).ToList();

    public IDiscoverySource? For(string name) => _byName.GetValueOrDefault(name).Source;

    public DiscoverySourceSettings? SettingsFor(string name) => _byName.GetValueOrDefault(name).Settings;
}
