using System.Net;
using System.Text.Json;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Discovery;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Connectors;
using NhiPortal.Infrastructure.Discovery.Keycloak;

namespace NhiPortal.Infrastructure.Tests.Discovery;

/// <summary>The Keycloak source on the wire, against a server that answers with Keycloak's documented JSON.</summary>
public sealed class KeycloakClientSourceTests : IDisposable
{
    private readonly KeycloakReplayServer _server = new();
    private readonly HttpClient _http = new();

    private KeycloakClientSource Source(string secret = KeycloakReplayServer.ClientSecret, ConnectorScope? scope = null, int pageSize = 2) =>
        new("kc", _server.BaseUrl, KeycloakReplayServer.Realm, KeycloakReplayServer.ClientId, secret, _http, DeploymentEnvironment.Production,
            TimeSpan.FromSeconds(5), scope, pageSize);

    private void SevenClients()
    {
        _server.AddClient("c1", "billing-bot", secret: "billing-secret-value-1", description: "Posts invoices",
            attributes: new() { ["client.secret.creation.time"] = "1764576000", ["owner"] = "alice@example.org" });
        _server.AddClient("c2", "web-app", serviceAccount: false, publicClient: true);
        _server.AddClient("c3", "orders-api", serviceAccount: false, bearerOnly: true);
        _server.AddClient("c4", "old-bot", enabled: false, secret: "old-bot-secret-value-4");
        _server.AddClient("c5", "jwt-bot", authenticator: "client-jwt");
        _server.AddClient("c6", "realm-management", serviceAccount: false, bearerOnly: true);
        _server.AddClient("c7", "legacy-portal", serviceAccount: false, secret: "legacy-secret-value-7");
    }

    [Fact]
    public async Task ReadAsync_PagesUntilAShortPage_AndMapsConfidentialClients()
    {
        SevenClients();

        var read = await Source().ReadAsync(default);

        Assert.True(read.Complete);
        Assert.Empty(read.ObjectErrors);
        Assert.Equal(["GET /admin/realms/corp/clients?first=0&max=2", "GET /admin/realms/corp/clients?first=2&max=2", "GET /admin/realms/corp/clients?first=4&max=2",
            "GET /admin/realms/corp/clients?first=6&max=2"], _server.Requests.Where(r => r.Contains("/clients?", StringComparison.Ordinal)));
        Assert.Equal(["billing-bot", "jwt-bot", "legacy-portal", "old-bot"], read.Accounts.Select(a => a.Name).Order(StringComparer.Ordinal));
        var billing = Assert.Single(read.Accounts, a => a.Name == "billing-bot");
        Assert.Equal("c1", billing.ExternalId);
        Assert.Equal(IdentityKind.ApiClient, billing.Kind);
        Assert.Equal("Posts invoices", billing.Description);
        Assert.Equal("alice@example.org", billing.OwnerHint);
        Assert.False(billing.Disabled);
        Assert.Equal(["offline_access", "reports-u-c1", "uma_authorization"], billing.Entitlements);
        Assert.Equal(CredentialKind.ClientSecret, billing.Credential.Kind);
        Assert.Equal("billing-bot", billing.Credential.StoreReference);
        Assert.Equal(new DateTime(2025, 12, 1, 8, 0, 0, DateTimeKind.Utc), billing.Credential.IssuedUtc);
        var old = Assert.Single(read.Accounts, a => a.Name == "old-bot");
        Assert.True(old.Disabled);
        Assert.False(old.Credential.Enabled);
        Assert.Empty(Assert.Single(read.Accounts, a => a.Name == "legacy-portal").Entitlements);
        Assert.Equal(CredentialKind.Certificate, Assert.Single(read.Accounts, a => a.Name == "jwt-bot").Credential.Kind);
        Assert.DoesNotContain(_server.Requests, r => r.Contains("/clients/c5/client-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_TheSecretIsHashed_AndItsValueIsNowhereInTheResult()
    {
        SevenClients();

        var read = await Source().ReadAsync(default);

        var billing = Assert.Single(read.Accounts, a => a.Name == "billing-bot");
        Assert.Equal(Fingerprint.OfSecret("billing-secret-value-1"), billing.Credential.Fingerprint);
        var everything = JsonSerializer.Serialize(read) + string.Join("|", read.Accounts.Select(a => a.ToString()));
        foreach (var secret in _server.Secrets.Values.Append(KeycloakReplayServer.ClientSecret))
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ReadAsync_ManagedClients_LimitWhatIsRead()
    {
        SevenClients();

        var read = await Source(scope: new ConnectorScope(null, ["billing-bot"])).ReadAsync(default);

        Assert.Equal("billing-bot", Assert.Single(read.Accounts).Name);
        Assert.DoesNotContain(_server.Requests, r => r.Contains("/clients/c4/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_AWrongClientSecret_Is401_AndThrowsWithoutTheSecret()
    {
        SevenClients();

        var error = await Assert.ThrowsAsync<DiscoverySourceException>(() => Source(secret: "wrong-secret-123").ReadAsync(default));

        Assert.Contains("token endpoint refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-123", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "403")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "503")]
    public async Task ReadAsync_AnAdminCallRefusedOrFailing_Throws(HttpStatusCode status, string expected)
    {
        SevenClients();
        _server.AdminStatus = status;

        var error = await Assert.ThrowsAsync<DiscoverySourceException>(() => Source().ReadAsync(default));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("clients", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_NothingListening_Throws()
    {
        var port = NhiPortal.Tests.Shared.TestPorts.Free();
        var source = new KeycloakClientSource("kc", new Uri($"http://127.0.0.1:{port}/"), "corp", "x", "y", _http, DeploymentEnvironment.Production, TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<DiscoverySourceException>(() => source.ReadAsync(default));

        Assert.Contains("unreachable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadUsageAsync_ClientLogins_AreReadOnce_EvenWhenTheyShareAMillisecond()
    {
        _server.AddEvent(1_764_576_000_000, "billing-bot", "10.0.0.1");
        _server.AddEvent(1_764_576_000_500, "billing-bot", "10.0.0.2");
        _server.AddEvent(1_764_576_000_500, "old-bot", "10.0.0.3");
        _server.AddEvent(1_764_576_000_400, "billing-bot", "10.0.0.9", type: "CLIENT_LOGIN_ERROR");
        var source = Source();

        var first = await source.ReadUsageAsync(null, default);
        var nothing = await source.ReadUsageAsync(first.NextCursor, default);
        _server.AddEvent(1_764_576_000_500, "billing-bot", "10.0.0.4");
        _server.AddEvent(1_764_576_001_000, "old-bot", "10.0.0.5");
        var more = await source.ReadUsageAsync(first.NextCursor, default);

        Assert.Equal(["10.0.0.1", "10.0.0.2", "10.0.0.3"], first.Events.Select(e => e.SourceAddress));
        Assert.Equal("1764576000500:2", first.NextCursor);
        var e0 = first.Events[0];
        Assert.Equal(("kc", "billing-bot", new DateTime(2025, 12, 1, 8, 0, 0, DateTimeKind.Utc)), (e0.Store, e0.StoreReference, e0.TimeUtc));
        Assert.Empty(nothing.Events);
        Assert.Equal(first.NextCursor, nothing.NextCursor);
        Assert.Equal(["10.0.0.4", "10.0.0.5"], more.Events.Select(e => e.SourceAddress));
        Assert.Equal("1764576001000:1", more.NextCursor);
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }
}
