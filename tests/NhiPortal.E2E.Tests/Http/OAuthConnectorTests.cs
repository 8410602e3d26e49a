using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Connectors;

namespace NhiPortal.E2E.Tests.Http;

/// <summary>The OAuth connector against the running portal's development provider: real tokens, real introspection.</summary>
[Collection(PortalCollection.Name)]
public class OAuthConnectorTests(PortalHost host)
{
    private const string Bot = "demo-billing-bot";

    private OAuthConnector Connector(HttpClient http) => new("devidp", new Uri(host.BaseUrl + "/"), "nhiportal-connector", PortalHost.ConnectorSecret,
        new Uri(host.BaseUrl + "/"), "nhiportal", http, new ConnectorScope(null, [Bot, "demo-reporting-bot"]), ["nhiportal-dev"]);

    /// <summary>Why the provider last refused a token (for a failing assertion's message).</summary>
    internal static string? LastRefusal { get; private set; }

    /// <summary>A workload asks for a token with its client secret; null when the provider refuses the secret.</summary>
    internal static async Task<string?> TokenAsync(HttpClient http, PortalHost host, string client, string secret, string path = "/connect/token")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, host.BaseUrl + path)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(client)}:{Uri.EscapeDataString(secret)}")));
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            LastRefusal = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            return null;
        }
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
    }

    [Fact]
    public async Task Rfc7009_ARevokedToken_IsRejectedByIntrospection()
    {
        using var http = new HttpClient();
        var connector = Connector(http);
        // The reporting bot: the other test rotates and revokes the billing bot's secret.
        var token = await TokenAsync(http, host, "demo-reporting-bot", PortalHost.DemoBotSecret);
        Assert.NotNull(token);
        Assert.True(await connector.IsActiveAsync(token, default));

        Assert.True(await connector.RevokeTokenAsync(token, default));

        Assert.False(await connector.IsActiveAsync(token, default));
    }

    [Fact]
    public async Task ClientSecret_RotateThenRevoke_OldSecretsStopWorking_AndTheProbeAgrees()
    {
        using var http = new HttpClient();
        var connector = Connector(http);
        var original = new CredentialRef(Guid.NewGuid(), $"{Bot} secret", CredentialKind.ClientSecret, "devidp", Bot, Fingerprint.OfSecret(PortalHost.DemoBotSecret));
        Assert.True(await TokenAsync(http, host, Bot, PortalHost.DemoBotSecret) is not null, LastRefusal);
        Assert.True((await connector.ProbeAsync(original, default)).StillAccepted);

        var rotation = await connector.RotateAsync(original, default);

        Assert.True(rotation.Succeeded, rotation.Detail);
        Assert.Null(await TokenAsync(http, host, Bot, PortalHost.DemoBotSecret));
        Assert.True(await TokenAsync(http, host, Bot, rotation.OneTimeSecret!) is not null, LastRefusal);
        var successor = original with { Fingerprint = rotation.NewFingerprint!.Value };

        var revoked = await connector.RevokeAsync(successor, default);

        Assert.True(revoked.Succeeded, revoked.Detail);
        Assert.Contains("secret replaced", revoked.Detail, StringComparison.Ordinal);
        Assert.Null(await TokenAsync(http, host, Bot, rotation.OneTimeSecret!));
        var probe = await connector.ProbeAsync(successor, default);
        Assert.False(probe.StillAccepted, probe.Detail);
    }

    [Fact]
    public async Task ThePortalsOwnClient_AndAPathThatWouldReachIt_AreRefused()
    {
        using var http = new HttpClient();
        var connector = Connector(http);
        var portal = new CredentialRef(Guid.NewGuid(), "portal sign-in secret", CredentialKind.ClientSecret, "devidp", "nhiportal-dev", Fingerprint.OfSecret("unknown"));
        var escape = portal with { StoreReference = $"{Bot}/../nhiportal-dev" };

        var rotation = await connector.RotateAsync(portal, default);
        var escaped = await connector.RotateAsync(escape, default);

        Assert.False(rotation.Succeeded, rotation.Detail);
        Assert.Null(rotation.OneTimeSecret);
        Assert.Contains("refused: outside what connector \"devidp\" may manage", rotation.Detail, StringComparison.Ordinal);
        Assert.False(escaped.Succeeded, escaped.Detail);
        Assert.Null(escaped.OneTimeSecret);
    }

    [Fact]
    public async Task TheAdminApi_RefusesAnyoneButTheConnector()
    {
        using var http = new HttpClient();
        var botToken = await TokenAsync(http, host, "demo-reporting-bot", PortalHost.DemoBotSecret, "/realms/nhiportal/protocol/openid-connect/token");
        Assert.True(botToken is not null, LastRefusal);
        var url = host.BaseUrl + "/admin/realms/nhiportal/clients";

        using var anonymous = await http.GetAsync(url);
        using var asBot = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", botToken) } };
        using var bot = await http.SendAsync(asBot);
        using var basic = new HttpRequestMessage(HttpMethod.Get, url)
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"nhiportal-connector:{PortalHost.ConnectorSecret}"))) },
        };
        using var connectorBasic = await http.SendAsync(basic);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bot.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, connectorBasic.StatusCode);
    }

    [Fact]
    public async Task AClientDisabledThroughTheAdminApi_GetsNoToken()
    {
        using var http = new HttpClient();
        var admin = await TokenAsync(http, host, "nhiportal-connector", PortalHost.ConnectorSecret, "/realms/nhiportal/protocol/openid-connect/token");
        Assert.True(admin is not null, LastRefusal);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        var clients = await http.GetFromJsonAsync<JsonElement>(host.BaseUrl + "/admin/realms/nhiportal/clients?clientId=demo-reporting-bot");
        var id = clients[0].GetProperty("id").GetString();
        var url = host.BaseUrl + $"/admin/realms/nhiportal/clients/{id}";
        using var plain = new HttpClient();

        (await http.PutAsJsonAsync(url, new { enabled = false })).EnsureSuccessStatusCode();
        var refused = await TokenAsync(plain, host, "demo-reporting-bot", PortalHost.DemoBotSecret);
        (await http.PutAsJsonAsync(url, new { enabled = true })).EnsureSuccessStatusCode();
        var accepted = await TokenAsync(plain, host, "demo-reporting-bot", PortalHost.DemoBotSecret);

        Assert.Null(refused);
        Assert.True((await http.GetFromJsonAsync<JsonElement>(url)).GetProperty("enabled").GetBoolean());
        Assert.True(accepted is not null, LastRefusal);
    }
}
