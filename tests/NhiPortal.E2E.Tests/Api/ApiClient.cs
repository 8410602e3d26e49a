using System.Net.Http.Headers;
using System.Text.Json;

namespace NhiPortal.E2E.Tests.Api;

/// <summary>A machine calling the portal's API: a client-credentials token from the development provider, then bearer calls.</summary>
public static class ApiClient
{
    public static HttpClient Anonymous(PortalHost host) => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(host.BaseUrl) };

    public static async Task<string> TokenAsync(PortalHost host, string clientId, string secret = ApiPortalHost.AutomationSecret)
    {
        using var http = Anonymous(host);
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    public static async Task<HttpClient> ForAsync(PortalHost host, string clientId)
    {
        var http = Anonymous(host);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(host, clientId));
        return http;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }
}
