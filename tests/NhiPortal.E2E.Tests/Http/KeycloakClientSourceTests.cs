using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Connectors;
using NhiPortal.Infrastructure.Discovery.Keycloak;

namespace NhiPortal.E2E.Tests.Http;

/// <summary>The Keycloak discovery source against the running development provider's implementation of the documented subset.</summary>
[Collection(PortalCollection.Name)]
public class KeycloakClientSourceTests(PortalHost host)
{
    private const string Bot = "demo-reporting-bot";

    private KeycloakClientSource Source(HttpClient http) => new("devidp-kc", new Uri(host.BaseUrl + "/"), "nhiportal", "nhiportal-connector",
        PortalHost.ConnectorSecret, http, DeploymentEnvironment.Development, TimeSpan.FromSeconds(10), new ConnectorScope(null, [Bot, "demo-billing-bot"]), pageSize: 2);

    [Fact]
    public async Task ReadAsync_ListsTheDemoBots_WithTheirSecretsFingerprinted()
    {
        using var http = new HttpClient();

        var read = await Source(http).ReadAsync(default);

        Assert.True(read.Complete);
        Assert.Equal(["demo-billing-bot", Bot], read.Accounts.Select(a => a.Name).Order(StringComparer.Ordinal));
        var bot = Assert.Single(read.Accounts, a => a.Name == Bot);
        Assert.Equal(IdentityKind.ApiClient, bot.Kind);
        Assert.False(bot.Disabled);
        Assert.Equal(Fingerprint.OfSecret(PortalHost.DemoBotSecret), bot.Credential.Fingerprint);
        Assert.NotNull(bot.Credential.IssuedUtc);
        Assert.Contains("default-roles-nhiportal", bot.Entitlements);
        Assert.DoesNotContain(PortalHost.DemoBotSecret, string.Join("|", read.Accounts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadUsageAsync_AClientCredentialsGrant_IsOneClientLoginFromTheCallersAddress()
    {
        using var http = new HttpClient();
        var source = Source(http);
        var start = await source.ReadUsageAsync(null, default);

        Assert.True(await OAuthConnectorTests.TokenAsync(http, host, Bot, PortalHost.DemoBotSecret, "/realms/nhiportal/protocol/openid-connect/token") is not null,
            OAuthConnectorTests.LastRefusal);
        var read = await source.ReadUsageAsync(start.NextCursor, default);
        var again = await source.ReadUsageAsync(read.NextCursor, default);

        var login = Assert.Single(read.Events, e => e.StoreReference == Bot);
        Assert.Equal("127.0.0.1", login.SourceAddress);
        Assert.Equal("devidp-kc", login.Store);
        Assert.InRange(login.TimeUtc, DateTime.UtcNow.AddMinutes(-2), DateTime.UtcNow.AddMinutes(1));
        Assert.Empty(again.Events);
    }
}
