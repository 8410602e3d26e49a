using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using NhiPortal.Core.Revocation;

namespace NhiPortal.Infrastructure.Connectors;

public static class ConnectorKinds
{
    public const string PostgreSql = "postgresql";
    public const string Webhook = "webhook";
    public const string OAuth = "oauth";
    public const string Manual = "manual";
    public const string Ldap = "ldap";
}

/// <summary>
/// Connectors by name, from <c>Connectors:&lt;name&gt;:{Kind, ...}</c>; a credential whose <c>Store</c> equals a name
/// is revoked through it. A configuration error stops start-up with the connector's name, rather than failing mid-incident.
/// </summary>
public sealed class ConnectorRegistry : IConnectorRegistry, IAsyncDisposable
{
    private readonly Dictionary<string, ICredentialConnector> _byName = new(StringComparer.OrdinalIgnoreCase);

    public ConnectorRegistry(IEnumerable<ICredentialConnector> connectors)
    {
        foreach (var connector in connectors)
        {
            _byName[connector.Name] = connector;
        }
    }

    /// <summary>
    /// Builds every configured connector. Each names what it may manage (PostgreSQL <c>ManagedRolePrefix</c> /
    /// <c>ManagedRoles</c>, OAuth <c>ManagedClients</c>); one without an allow-list still starts, so the rest of the
    /// portal works, but refuses every credential, and says so here at start-up and on every refused step.
    /// </summary>
    public static ConnectorRegistry FromConfiguration(IConfiguration configuration, IHttpClientFactory httpClients, TimeProvider clock, ILogger? logger = null)
    {
        var connectors = new List<ICredentialConnector>();
        foreach (var section in configuration.GetSection("Connectors").GetChildren())
        {
            var kind = section["Kind"]?.Trim().ToLowerInvariant();
            string Need(string key) => section[key] is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException($"Connector \"{section.Key}\" ({kind}) needs Connectors:{section.Key}:{key}.");
            ConnectorScope Scope(string? prefixKey, string listKey, string keys)
            {
                var scope = ConnectorScope.FromConfiguration(section, prefixKey, listKey);
                if (scope.IsEmpty)
                {
                    logger?.LogError("Connector {Connector} ({Kind}) has no allow-list: it refuses every credential until {Keys} names what it may manage",
                        section.Key, kind, $"Connectors:{section.Key}:{keys}");
                }
                return scope;
            }
            connectors.Add(kind switch
            {
                ConnectorKinds.PostgreSql => new PostgresConnector(section.Key, Need("ConnectionString"), section["DeliveryDirectory"] is { Length: > 0 } dir ? dir : null,
                    Scope("ManagedRolePrefix", "ManagedRoles", "ManagedRolePrefix or ManagedRoles")),
                ConnectorKinds.Webhook => new WebhookConnector(section.Key, new Uri(Need("Url")), System.Text.Encoding.UTF8.GetBytes(Need("SigningKey")),
                    httpClients.CreateClient("connector-webhook"), clock),
                ConnectorKinds.OAuth => OAuth(section, Need, httpClients.CreateClient("connector-oauth"), Scope(null, "ManagedClients", "ManagedClients"),
                    configuration["Authentication:Oidc:ClientId"], clock),
                ConnectorKinds.Manual => new NamedManualConnector(section.Key),
                ConnectorKinds.Ldap => Ldap(section, clock, logger),
                _ => throw new InvalidOperationException($"Connector \"{section.Key}\" has an unknown Kind \"{section["Kind"]}\" (postgresql, oauth, webhook, manual, ldap)."),
            });
        }
        return new ConnectorRegistry(connectors);
    }

    /// <summary>
    /// Keycloak's Admin REST API lives at the server's base URL (<c>ManagementUrl</c>), realm <c>Realm</c> (default
    /// "nhiportal", the development provider's): by default the Authority without its <c>realms/{realm}/</c> path.
    /// The portal's own sign-in client is never a connector's to rotate: its new secret would go to an operator.
    /// </summary>
    private static OAuthConnector OAuth(IConfigurationSection section, Func<string, string> need, HttpClient http, ConnectorScope managed, string? portalClientId, TimeProvider clock)
    {
        var authority = new Uri(need("Authority").TrimEnd('/') + "/");
        var realm = section["Realm"] is { Length: > 0 } configured ? configured : "nhiportal";
        var realmPath = $"realms/{Uri.EscapeDataString(realm)}/";
        var management = section["ManagementUrl"] is { Length: > 0 } url
            ? new Uri(url.TrimEnd('/') + "/")
            : authority.AbsolutePath.EndsWith("/" + realmPath, StringComparison.Ordinal)
                ? new Uri(authority, authority.AbsolutePath[..^realmPath.Length])
                : authority;
        return new OAuthConnector(section.Key, authority, need("ClientId"), need("ClientSecret"), management, realm, http, managed,
            portalClientId is { Length: > 0 } ? [portalClientId] : [], clock);
    }

    private static LdapConnector Ldap(IConfigurationSection section, TimeProvider clock, ILogger? logger)
    {
        var options = LdapConnectorOptions.From(section);
        if (options.ManagedBaseDns.Count == 0)
        {
            logger?.LogError("Connector {Connector} ({Kind}) has no allow-list: it refuses every credential until {Keys} names what it may manage",
                section.Key, ConnectorKinds.Ldap, $"Connectors:{section.Key}:ManagedBaseDns");
        }
        return new LdapConnector(section.Key, options, clock);
    }

    public IReadOnlyList<ICredentialConnector> All => _byName.Values.ToList();

    public ICredentialConnector? For(string store) => _byName.GetValueOrDefault(store);

    public async ValueTask DisposeAsync()
    {
        foreach (var connector in _byName.Values.OfType<IAsyncDisposable>())
        {
            await connector.DisposeAsync();
        }
    }

    /// <summary>A store configured as manual: its credentials are revoked by hand, like unconnected ones, but on purpose.</summary>
    private sealed class NamedManualConnector(string name) : ICredentialConnector
    {
        private readonly ManualConnector _inner = ManualConnector.Instance;

        public string Name => name;
        public string Kind => ConnectorKinds.Manual;
        public bool CanRotate => false;
        public string Describe(CredentialRef credential) => _inner.Describe(credential);
        public Task<ConnectorResult> RevokeAsync(CredentialRef credential, CancellationToken ct) => _inner.RevokeAsync(credential, ct);
        public Task<RotationResult> RotateAsync(CredentialRef credential, CancellationToken ct) => _inner.RotateAsync(credential, ct);
        public Task<ProbeResult> ProbeAsync(CredentialRef credential, CancellationToken ct) => _inner.ProbeAsync(credential, ct);
    }
}
