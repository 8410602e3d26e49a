using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Revocation;

namespace NhiPortal.Infrastructure.Connectors;

/// <summary>
/// An OAuth 2.0 / OpenID Connect provider with Keycloak's Admin REST API (Keycloak itself, or the development provider's
/// implementation of the same documented subset). The credential's store reference is the NHI's OAuth client id.
/// Revoke: <c>POST …/clients/{id}/client-secret</c> replaces the secret with one nobody receives, and
/// <c>PUT …/clients/{id}</c> with <c>notBefore</c> = now makes every token issued before it invalid; rotate: the same
/// POST, its new secret handed to the operator once and never stored; probe: the provider's current secret (hashed in
/// memory, then dropped) must no longer match the revoked fingerprint, and tokens must be cut off. A leaked token
/// someone holds is revoked with RFC 7009 and checked with RFC 7662 introspection.
/// The connector authenticates as its own confidential client (<c>ClientId</c>/<c>ClientSecret</c>): a bearer token by
/// client credentials for the admin API (Keycloak: realm-management's manage-clients), HTTP Basic for RFC 7009/7662.
/// It manages only the clients in <paramref name="managedClients"/> (<c>ManagedClients</c>), never its own client or
/// one in <paramref name="protectedClients"/> (the portal's sign-in client), and never a reference that is not a plain
/// client id (it goes into the admin API's query). Everything else is refused before any request.
/// </summary>
public sealed class OAuthConnector(string name, Uri authority, string clientId, string clientSecret, Uri keycloakBase, string realm, HttpClient http,
    ConnectorScope? managedClients = null, IReadOnlyCollection<string>? protectedClients = null, TimeProvider? clock = null)
    : ICredentialConnector, ITokenRevoker
{
    private readonly ConnectorScope _scope = Checked(name, managedClients ?? ConnectorScope.Nothing, Protected(clientId, protectedClients));
    private readonly HashSet<string> _protected = Protected(clientId, protectedClients);
    private readonly KeycloakAdminSession _admin = new(keycloakBase, realm, clientId, clientSecret, http, clock ?? TimeProvider.System);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private ProviderMetadata? _metadata;

    public ConnectorScope Scope => _scope;

    public string Name => name;

    public string Kind => ConnectorKinds.OAuth;

    public bool CanRotate => true;

    public string Describe(CredentialRef credential) => Refusal(credential.StoreReference) is { } refusal
        ? refusal
        : credential.Kind == CredentialKind.ClientSecret
        ? $"OAuth client \"{credential.StoreReference}\" at {authority.Host}: secret replaced, every token it holds revoked"
        : $"OAuth client \"{credential.StoreReference}\" at {authority.Host}: every token it holds revoked";

    public async Task<ConnectorResult> RevokeAsync(CredentialRef credential, CancellationToken ct)
    {
        if (Refusal(credential.StoreReference) is { } refusal)
        {
            return ConnectorResult.Final(refusal);
        }
        var (status, client, body) = await _admin.FindAsync(credential.StoreReference, ct);
        if (client is null)
        {
            return status == System.Net.HttpStatusCode.NotFound
                ? ConnectorResult.Final(NotFound(credential.StoreReference))
                : ConnectorResult.Failed($"finding client \"{credential.StoreReference}\": HTTP {(int)status} {body}");
        }
        var id = InternalId(client.Value);
        var parts = new List<string>();
        if (credential.Kind == CredentialKind.ClientSecret)
        {
            // The new secret is discarded unread: replacing it is what kills the old one.
            using var replaced = await _admin.SendAsync(HttpMethod.Post, $"clients/{id}/client-secret", null, ct);
            if (!replaced.IsSuccessStatusCode)
            {
                return ConnectorResult.Failed($"replacing the secret of \"{credential.StoreReference}\": HTTP {(int)replaced.StatusCode} {await KeycloakAdminSession.ShortAsync(replaced, ct)}");
            }
            parts.Add("secret replaced");
        }
        // Keycloak's not-before: every token issued to the client before this second is no longer valid.
        var notBefore = _clock.GetUtcNow().ToUnixTimeSeconds();
        using var cutOff = await _admin.SendAsync(HttpMethod.Put, $"clients/{id}", new { notBefore }, ct);
        if (!cutOff.IsSuccessStatusCode)
        {
            return ConnectorResult.Failed($"cutting off the tokens of \"{credential.StoreReference}\": HTTP {(int)cutOff.StatusCode} {await KeycloakAdminSession.ShortAsync(cutOff, ct)}");
        }
        parts.Add("every token issued before now revoked (not-before)");
        return ConnectorResult.Ok($"client \"{credential.StoreReference}\": {string.Join(", ", parts)}");
    }

    public async Task<RotationResult> RotateAsync(CredentialRef credential, CancellationToken ct)
    {
        if (credential.Kind != CredentialKind.ClientSecret)
        {
            return new RotationResult(false, "tokens are not rotated; revoke them and let the client ask for new ones");
        }
        if (Refusal(credential.StoreReference) is { } refusal)
        {
            return new RotationResult(false, refusal);
        }
        var (status, client, body) = await _admin.FindAsync(credential.StoreReference, ct);
        if (client is null)
        {
            return new RotationResult(false, status == System.Net.HttpStatusCode.NotFound ? NotFound(credential.StoreReference) : $"HTTP {(int)status} {body}");
        }
        using var response = await _admin.SendAsync(HttpMethod.Post, $"clients/{InternalId(client.Value)}/client-secret", null, ct);
        if (!response.IsSuccessStatusCode)
        {
            return new RotationResult(false, $"HTTP {(int)response.StatusCode} {await KeycloakAdminSession.ShortAsync(response, ct)}");
        }
        var secret = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("value").GetString()!;
        return new RotationResult(true, $"client \"{credential.StoreReference}\" has a new secret", Fingerprint.OfSecret(secret), null, secret);
    }

    public async Task<ProbeResult> ProbeAsync(CredentialRef credential, CancellationToken ct)
    {
        if (Refusal(credential.StoreReference) is { } refusal)
        {
            return new ProbeResult(false, refusal, Verifiable: false);
        }
        var (status, client, _) = await _admin.FindAsync(credential.StoreReference, ct);
        if (client is null)
        {
            return status == System.Net.HttpStatusCode.NotFound
                ? ProbeResult.NotFound(NotFound(credential.StoreReference))
                : new ProbeResult(false, $"the provider could not say: HTTP {(int)status}", Verifiable: false);
        }
        var enabled = !client.Value.TryGetProperty("enabled", out var e) || e.GetBoolean();
        var notBefore = client.Value.TryGetProperty("notBefore", out var nb) && nb.TryGetInt64(out var n) ? n : 0;
        var sameSecret = false;
        if (credential.Kind == CredentialKind.ClientSecret)
        {
            using var response = await _admin.SendAsync(HttpMethod.Get, $"clients/{InternalId(client.Value)}/client-secret", null, ct);
            if (!response.IsSuccessStatusCode)
            {
                return new ProbeResult(false, $"the provider could not say: HTTP {(int)response.StatusCode}", Verifiable: false);
            }
            // Hashed and dropped at once: the probe keeps only the comparison.
            var current = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("value").GetString();
            sameSecret = current is not null && Fingerprint.OfSecret(current) == credential.Fingerprint;
        }
        var tokensAccepted = enabled && notBefore <= 0;
        var accepted = (sameSecret && enabled) || tokensAccepted;
        return new ProbeResult(accepted, accepted
            ? $"client \"{credential.StoreReference}\" still accepted: {(sameSecret ? "the revoked secret is still current" : "its tokens were never cut off (no not-before)")}"
            : $"client \"{credential.StoreReference}\": {(enabled ? "the revoked secret is no longer current and tokens issued before the not-before are refused" : "the client is disabled")}");
    }

    private static string InternalId(JsonElement client) => Uri.EscapeDataString(client.GetProperty("id").GetString()!);

    private static string NotFound(string client) => $"client \"{client}\" not found: cannot verify";

    /// <summary>RFC 7009: revokes a token the caller holds (a leaked one), authenticating as the connector's client.</summary>
    public async Task<bool> RevokeTokenAsync(string token, CancellationToken ct)
    {
        var metadata = await MetadataAsync(ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, metadata.RevocationEndpoint)
        {
            Content = new FormUrlEncodedContent([new("token", token)]),
        };
        request.Headers.Authorization = Basic();
        using var response = await http.SendAsync(request, ct);
        // RFC 7009 §2.2: 200 whether or not the token was valid; anything else is a failure to revoke.
        return response.IsSuccessStatusCode;
    }

    /// <summary>RFC 7662: is the token still accepted?</summary>
    public async Task<bool> IsActiveAsync(string token, CancellationToken ct)
    {
        var metadata = await MetadataAsync(ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, metadata.IntrospectionEndpoint)
        {
            Content = new FormUrlEncodedContent([new("token", token)]),
        };
        request.Headers.Authorization = Basic();
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("active").GetBoolean();
    }

    /// <summary>Why a client id is refused before any request, or null when the connector may manage it.</summary>
    private string? Refusal(string client)
    {
        if (_scope.IsEmpty)
        {
            return ConnectorScope.Refusal(name, $"it has no ManagedClients configured (Connectors:{name}:ManagedClients), so it manages nothing");
        }
        if (NotAPlainClientId(client))
        {
            return ConnectorScope.Refusal(name, $"\"{client}\" is not a plain client id (a path segment, '/', '\\', '?', '#', '%', whitespace or a control character)");
        }
        if (_protected.Contains(client))
        {
            return ConnectorScope.Refusal(name, $"\"{client}\" is the portal's or the connector's own client");
        }
        return _scope.Allows(client) ? null : ConnectorScope.Refusal(name, $"client \"{client}\" is not in ManagedClients");
    }

    /// <summary>A reference goes into the management URL's path: nothing in it may add, remove or re-aim a segment.</summary>
    internal static bool NotAPlainClientId(string client) =>
        client.Length == 0 || client is "." or ".." || client.Any(ch => ch is '/' or '\\' or '?' or '#' or '%' || char.IsWhiteSpace(ch) || char.IsControl(ch));

    private static HashSet<string> Protected(string own, IReadOnlyCollection<string>? others) =>
        new[] { own }.Concat(others ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).ToHashSet(StringComparer.Ordinal);

    /// <summary>An allow-list naming the portal's or the connector's own client, or a non-plain id, is a configuration error.</summary>
    private static ConnectorScope Checked(string connector, ConnectorScope scope, HashSet<string> protectedClients)
    {
        foreach (var client in scope.Names)
        {
            if (protectedClients.Contains(client))
            {
                throw new InvalidOperationException($"Connector \"{connector}\" lists \"{client}\" in ManagedClients: that is the portal's or the connector's own client, which no connector may rotate or revoke.");
            }
            if (NotAPlainClientId(client))
            {
                throw new InvalidOperationException($"Connector \"{connector}\" lists \"{client}\" in ManagedClients: not a plain client id.");
            }
        }
        return scope;
    }

    private AuthenticationHeaderValue Basic() => new("Basic",
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(clientSecret)}")));

    private sealed record ProviderMetadata(Uri RevocationEndpoint, Uri IntrospectionEndpoint);

    private async Task<ProviderMetadata> MetadataAsync(CancellationToken ct)
    {
        if (_metadata is not null)
        {
            return _metadata;
        }
        var document = await http.GetFromJsonAsync<JsonElement>(new Uri(authority, ".well-known/openid-configuration"), ct);
        Uri Endpoint(string property) => document.TryGetProperty(property, out var value) && value.GetString() is { } url
            ? new Uri(url)
            : throw new InvalidOperationException($"{authority} advertises no {property}.");
        return _metadata = new ProviderMetadata(Endpoint("revocation_endpoint"), Endpoint("introspection_endpoint"));
    }
}
