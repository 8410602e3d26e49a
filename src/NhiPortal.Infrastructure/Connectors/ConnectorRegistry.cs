using Microsoft.Extensions.Configuration;
using NhiPortal.Core.Revocation;

namespace NhiPortal.Infrastructure.Connectors;

public static class ConnectorKinds
{
    public const string PostgreSql = "postgresql";
    public const string Webhook = "webhook";
    public const string OAuth = "oauth";
    public const string Manual = "manual";
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

    public static ConnectorRegistry FromConfiguration(IConfiguration configuration, IHttpClientFactory httpClients, TimeProvider clock)
    {
        var connectors = new List<ICredentialConnector>();
        foreach (var section in configuration.GetSection("Connectors").GetChildren())
        {
            var kind = section["Kind"]?.Trim().ToLowerInvariant();
            string Need(string key) => section[key] is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException($"Connector \"{section.Key}\" ({kind}) needs Connectors:{section.Key}:{key}.");
            connectors.Add(kind switch
            {
                ConnectorKinds.PostgreSql => new PostgresConnector(section.Key, Need("ConnectionString"), section["DeliveryDirectory"] is { Length: > 0 } dir ? dir : null),
                ConnectorKinds.Webhook => new WebhookConnector(section.Key, new Uri(Need("Url")), System.Text.Encoding.UTF8.GetBytes(Need("SigningKey")),
                    httpClients.CreateClient("connector-webhook"), clock),
                ConnectorKinds.OAuth => OAuth(section, Need, httpClients.CreateClient("connector-oauth")),
                ConnectorKinds.Manual => new NamedManualConnector(section.Key),
                _ => throw new InvalidOperationException($"Connector \"{section.Key}\" has an unknown Kind \"{section["Kind"]}\" (postgresql, oauth, webhook, manual)."),
            });
        }
        return new ConnectorRegistry(connectors);
    }

    private static OAuthConnector OAuth(IConfigurationSection section, Func<string, string> need, HttpClient http)
    {
        var authority = new Uri(need("Authority").TrimEnd('/') + "/");
        var management = section["ManagementUrl"] is { Length: > 0 } url ? new Uri(url.TrimEnd('/') + "/") : new Uri(authority, "dev-idp/manage/");
        return new OAuthConnector(section.Key, authority, need("ClientId"), need("ClientSecret"), management, http);
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
