using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using NhiPortal.Infrastructure.Connectors;
using NhiPortal.Tests.Shared;

namespace NhiPortal.Infrastructure.Tests.Revocation;

/// <summary>
/// Connectors built the way the portal builds them, from <c>Connectors:&lt;name&gt;:...</c> settings, so the tests
/// exercise the configuration keys operators write (allow-lists included).
/// </summary>
internal static class TestConnectors
{
    public static ConnectorRegistry FromSettings(IDictionary<string, string?> settings, HttpMessageHandler? http = null, ILogger? logger = null) =>
        ConnectorRegistry.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), new Http(http), TimeProvider.System, logger);

    /// <summary>A PostgreSQL connector named <paramref name="name"/> that logs in as the README's least-privileged role.</summary>
    public static async Task<ConnectorRegistry> PostgresAsync(PostgresServer server, string name, string? prefix = "svc_", string? deliveryDirectory = null,
        params string[] roles)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Connectors:{name}:Kind"] = "postgresql",
            [$"Connectors:{name}:ConnectionString"] = await server.ConnectorConnectionStringAsync(),
            [$"Connectors:{name}:DeliveryDirectory"] = deliveryDirectory,
            [$"Connectors:{name}:ManagedRolePrefix"] = prefix,
        };
        for (var i = 0; i < roles.Length; i++)
        {
            settings[$"Connectors:{name}:ManagedRoles:{i}"] = roles[i];
        }
        return FromSettings(settings);
    }

    private sealed class Http(HttpMessageHandler? handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
    }
}
