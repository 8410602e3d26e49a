using NhiPortal.Core.Credentials;
using NhiPortal.Core.Revocation;

namespace NhiPortal.Infrastructure.Tests.Revocation;

/// <summary>
/// What an OAuth connector may touch: only clients in its <c>ManagedClients</c>, never the portal's or its own
/// client, and never a reference that would change the management URL. Refusals happen before any request.
/// </summary>
public class OAuthConnectorScopeTests
{
    private const string PortalClient = "nhiportal-web";
    private const string ConnectorClient = "nhiportal-connector";

    private static Dictionary<string, string?> Settings(params string[] managed)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Authentication:Oidc:ClientId"] = PortalClient,
            ["Connectors:idp:Kind"] = "oauth",
            ["Connectors:idp:Authority"] = "http://idp.test/",
            ["Connectors:idp:ClientId"] = ConnectorClient,
            ["Connectors:idp:ClientSecret"] = "connector-secret",
        };
        for (var i = 0; i < managed.Length; i++)
        {
            settings[$"Connectors:idp:ManagedClients:{i}"] = managed[i];
        }
        return settings;
    }

    private static CredentialRef Secret(string client) =>
        new(Guid.NewGuid(), $"{client} secret", CredentialKind.ClientSecret, "idp", client, Fingerprint.OfSecret(client));

    [Fact]
    public async Task AnAllowedClient_IsManagedThroughItsOwnPath()
    {
        var http = new RecordingHandler();
        await using var registry = TestConnectors.FromSettings(Settings("demo-billing-bot"), http);

        var rotation = await registry.For("idp")!.RotateAsync(Secret("demo-billing-bot"), default);

        Assert.True(rotation.Succeeded, rotation.Detail);
        Assert.Equal(["/realms/nhiportal/protocol/openid-connect/token", "/admin/realms/nhiportal/clients?clientId=demo-billing-bot",
            "/admin/realms/nhiportal/clients/uuid-1/client-secret"], http.Requests.Select(r => r.PathAndQuery));
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("demo-billing-bot/../../nhiportal-web")]
    [InlineData("%2e%2e")]
    [InlineData("demo-billing-bot?x=1")]
    [InlineData("demo-billing-bot#x")]
    [InlineData("demo-billing-bot\\..")]
    public async Task AReferenceThatIsAPath_IsRefused_BeforeAnyRequest(string reference)
    {
        var http = new RecordingHandler();
        await using var registry = TestConnectors.FromSettings(Settings("demo-billing-bot"), http);
        var connector = registry.For("idp")!;

        var revoke = await connector.RevokeAsync(Secret(reference), default);
        var rotate = await connector.RotateAsync(Secret(reference), default);
        var probe = await connector.ProbeAsync(Secret(reference), default);

        Assert.False(revoke.Succeeded, revoke.Detail);
        Assert.False(revoke.Retryable);
        Assert.Contains("refused: outside what connector \"idp\" may manage", revoke.Detail, StringComparison.Ordinal);
        Assert.False(rotate.Succeeded, rotate.Detail);
        Assert.Null(rotate.OneTimeSecret);
        Assert.False(probe.Verifiable, probe.Detail);
        Assert.Empty(http.Requests);
    }

    [Theory]
    [InlineData(PortalClient)]
    [InlineData(ConnectorClient)]
    [InlineData("other-team-bot")]
    public async Task AClientOutsideTheAllowList_IsRefused_BeforeAnyRequest(string client)
    {
        var http = new RecordingHandler();
        await using var registry = TestConnectors.FromSettings(Settings("demo-billing-bot"), http);
        var connector = registry.For("idp")!;

        var rotate = await connector.RotateAsync(Secret(client), default);
        var revoke = await connector.RevokeAsync(Secret(client), default);

        Assert.False(rotate.Succeeded, rotate.Detail);
        Assert.Null(rotate.OneTimeSecret);
        Assert.Contains("refused: outside what connector \"idp\" may manage", rotate.Detail, StringComparison.Ordinal);
        Assert.False(revoke.Succeeded, revoke.Detail);
        Assert.Empty(http.Requests);
    }

    [Theory]
    [InlineData("https://kc.example.org/realms/corp/", null, "https://kc.example.org/")]
    [InlineData("https://kc.example.org/auth/realms/corp", null, "https://kc.example.org/auth/")]
    [InlineData("https://idp.example.org/", "https://kc.internal:8443/", "https://kc.internal:8443/")]
    public async Task TheAdminApi_IsFoundFromTheAuthorityAndRealm_OrManagementUrl(string authority, string? management, string keycloakBase)
    {
        var http = new RecordingHandler();
        var settings = Settings("demo-billing-bot");
        settings["Connectors:idp:Authority"] = authority;
        settings["Connectors:idp:Realm"] = "corp";
        settings["Connectors:idp:ManagementUrl"] = management;
        await using var registry = TestConnectors.FromSettings(settings, http);

        var revoke = await registry.For("idp")!.RevokeAsync(Secret("demo-billing-bot"), default);

        Assert.True(revoke.Succeeded, revoke.Detail);
        Assert.Equal([$"{keycloakBase}realms/corp/protocol/openid-connect/token", $"{keycloakBase}admin/realms/corp/clients?clientId=demo-billing-bot",
            $"{keycloakBase}admin/realms/corp/clients/uuid-1/client-secret", $"{keycloakBase}admin/realms/corp/clients/uuid-1"], http.Requests.Select(r => r.ToString()));
    }

    [Fact]
    public async Task WithoutManagedClients_EverythingIsRefused()
    {
        var http = new RecordingHandler();
        var log = new ListLogger();
        await using var registry = TestConnectors.FromSettings(Settings(), http, log);

        var rotate = await registry.For("idp")!.RotateAsync(Secret("demo-billing-bot"), default);

        var startUp = Assert.Single(log.Lines);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, startUp.Level);
        Assert.Contains("Connectors:idp:ManagedClients", startUp.Message, StringComparison.Ordinal);

        Assert.False(rotate.Succeeded, rotate.Detail);
        Assert.Contains("refused: outside what connector \"idp\" may manage", rotate.Detail, StringComparison.Ordinal);
        Assert.Contains("ManagedClients", rotate.Detail, StringComparison.Ordinal);
        Assert.Empty(http.Requests);
    }

    [Theory]
    [InlineData(PortalClient)]
    [InlineData(ConnectorClient)]
    public void ListingThePortalsOrTheConnectorsOwnClient_StopsStartUp(string client)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TestConnectors.FromSettings(Settings("demo-billing-bot", client)));

        Assert.Contains("idp", error.Message, StringComparison.Ordinal);
        Assert.Contains(client, error.Message, StringComparison.Ordinal);
    }
}
