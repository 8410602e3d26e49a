using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace NhiPortal.Infrastructure.Connectors;

/// <summary>
/// The connector's side of Keycloak's Admin REST API for one realm: a bearer token by client credentials at
/// <c>{base}/realms/{realm}/protocol/openid-connect/token</c> (kept until shortly before it expires, renewed once on a
/// 401), and requests to <c>{base}/admin/realms/{realm}/…</c>. Clients are addressed by their internal id, found by
/// <c>GET clients?clientId=</c>.
/// </summary>
internal sealed class KeycloakAdminSession(Uri baseUrl, string realm, string clientId, string clientSecret, HttpClient http, TimeProvider clock)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Value, DateTimeOffset Expires)? _token;

    public Uri TokenEndpoint => new(baseUrl, $"realms/{Uri.EscapeDataString(realm)}/protocol/openid-connect/token");

    /// <summary>The client's representation and internal id, or null when no client has exactly this client id.</summary>
    public async Task<(HttpStatusCode Status, JsonElement? Client, string? Body)> FindAsync(string client, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, $"clients?clientId={Uri.EscapeDataString(client)}", null, ct);
        if (!response.IsSuccessStatusCode)
        {
            return (response.StatusCode, null, await ShortAsync(response, ct));
        }
        var clients = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        foreach (var candidate in clients.EnumerateArray())
        {
            if (candidate.TryGetProperty("clientId", out var id) && id.GetString() == client)
            {
                return (response.StatusCode, candidate.Clone(), null);
            }
        }
        return (HttpStatusCode.NotFound, null, null);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? json, CancellationToken ct)
    {
        var response = await SendOnceAsync(method, path, json, await TokenAsync(renew: false, ct), ct);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }
        response.Dispose();
        return await SendOnceAsync(method, path, json, await TokenAsync(renew: true, ct), ct);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, string path, object? json, string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, $"admin/realms/{Uri.EscapeDataString(realm)}/{path}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }
        return await http.SendAsync(request, ct);
    }

    private async Task<string> TokenAsync(bool renew, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (!renew && _token is { } cached && cached.Expires > clock.GetUtcNow())
            {
                return cached.Value;
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, TokenEndpoint)
            {
                Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", clientId), new("client_secret", clientSecret)]),
            };
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"the token endpoint refused the connector's client \"{clientId}\": HTTP {(int)response.StatusCode}", null, response.StatusCode);
            }
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            var lifetime = body.TryGetProperty("expires_in", out var seconds) && seconds.TryGetInt32(out var s) ? s : 60;
            // Renewed a little early, so a token never expires between this check and the request.
            _token = (body.GetProperty("access_token").GetString()!, clock.GetUtcNow().AddSeconds(Math.Max(0, lifetime - 30)));
            return _token.Value.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    public static async Task<string> ShortAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        return text.Length > 200 ? text[..200] : text;
    }
}
