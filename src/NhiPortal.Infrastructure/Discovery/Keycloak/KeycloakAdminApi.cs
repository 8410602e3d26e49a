using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NhiPortal.Core.Discovery;

namespace NhiPortal.Infrastructure.Discovery.Keycloak;

/// <summary>
/// Keycloak's Admin REST API for one realm, as a confidential client: a bearer token by client credentials at
/// <c>{base}/realms/{realm}/protocol/openid-connect/token</c>, then <c>GET {base}/admin/realms/{realm}/…</c>. Every
/// failure becomes a <see cref="DiscoverySourceException"/> that says what failed; neither the secret nor a token is in it.
/// </summary>
internal sealed class KeycloakAdminApi(string source, Uri baseUrl, string realm, string clientId, string clientSecret, HttpClient http, TimeSpan timeout)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private string? _token;

    public string Where => $"realm \"{realm}\" at {baseUrl.GetLeftPart(UriPartial.Authority)}";

    /// <summary>A path under <c>/admin/realms/{realm}/</c>; null on 404 (the object went between two calls).</summary>
    public async Task<T?> GetAsync<T>(string path, CancellationToken ct) where T : class
    {
        _token ??= await TokenAsync(ct);
        using var response = await SendAsync(path, ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            // The access token may have expired during a long read: one new token, one retry.
            _token = await TokenAsync(ct);
            using var retried = await SendAsync(path, ct);
            return await ReadAsync<T>(retried, path, ct);
        }
        return await ReadAsync<T>(response, path, ct);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, $"admin/realms/{Uri.EscapeDataString(realm)}/{path}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await Guarded(token => http.SendAsync(request, token), $"GET {Shown(path)}", ct);
    }

    private async Task<T?> ReadAsync<T>(HttpResponseMessage response, string path, CancellationToken ct) where T : class
    {
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        if (!response.IsSuccessStatusCode)
        {
            var hint = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? $" (client \"{clientId}\" needs the realm-management roles view-clients, view-users and view-events, and manage-clients to read secrets)"
                : "";
            throw new DiscoverySourceException($"Keycloak source \"{source}\", {Where}: GET {Shown(path)} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}{hint}.");
        }
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, ct);
        }
        catch (JsonException)
        {
            throw new DiscoverySourceException($"Keycloak source \"{source}\", {Where}: GET {Shown(path)} did not answer with the documented JSON.");
        }
    }

    private async Task<string> TokenAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, $"realms/{Uri.EscapeDataString(realm)}/protocol/openid-connect/token"))
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", clientId), new("client_secret", clientSecret)]),
        };
        using var response = await Guarded(token => http.SendAsync(request, token), "the token request", ct);
        if (!response.IsSuccessStatusCode)
        {
            var error = response.Content.Headers.ContentType?.MediaType == "application/json"
                && (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).TryGetProperty("error", out var e) ? $" ({e.GetString()})" : "";
            throw new DiscoverySourceException(
                $"Keycloak source \"{source}\", {Where}: the token endpoint refused client \"{clientId}\": HTTP {(int)response.StatusCode}{error}; check the client secret and that the client may use client credentials.");
        }
        return (await response.Content.ReadFromJsonAsync<KeycloakToken>(Json, ct))?.AccessToken
            ?? throw new DiscoverySourceException($"Keycloak source \"{source}\", {Where}: the token endpoint answered without an access token.");
    }

    /// <summary>Bounds one request by the source's timeout and turns transport failures into the source's exception.</summary>
    private async Task<HttpResponseMessage> Guarded(Func<CancellationToken, Task<HttpResponseMessage>> send, string what, CancellationToken ct)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(timeout);
        try
        {
            return await send(bounded.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new DiscoverySourceException($"Keycloak source \"{source}\", {Where}: {what} had no answer within {(int)timeout.TotalSeconds} s.");
        }
        catch (HttpRequestException ex)
        {
            throw new DiscoverySourceException($"Keycloak source \"{source}\", {Where}: {what} failed: unreachable ({ex.HttpRequestError}).", ex);
        }
    }

    /// <summary>The path without its query, for messages.</summary>
    private static string Shown(string path) => path.Split('?')[0];
}
