using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Revocation;

namespace NhiPortal.Infrastructure.Connectors;

/// <summary>
/// An OAuth 2.0 / OpenID Connect provider. The credential's store reference is the NHI's OAuth client id.
/// Revoke: the client secret is replaced with one nobody receives and every token issued to the client is revoked
/// (through the provider's client-management API); rotate: a new client secret, handed to the operator once;
/// probe: the provider's fingerprint of the current secret must differ from the revoked one and no token may be
/// active. A leaked token someone holds is revoked with RFC 7009 and checked with RFC 7662 introspection.
/// The connector authenticates as its own confidential client (<c>ClientId</c>/<c>ClientSecret</c>), which the
/// provider lets introspect and revoke tokens and manage clients.
/// It manages only the clients in <paramref name="managedClients"/> (<c>ManagedClients</c>), never its own client or
/// one in <paramref name="protectedClients"/> (the portal's sign-in client), and never a reference that is not a plain
/// client id (it goes into the management URL's path). Everything else is refused before any request.
/// </summary>
public sealed class OAuthConnector(string name, Uri authority, string clientId, string clientSecret, Uri managementUrl, HttpClient http,
    ConnectorScope? managedClients = null, IReadOnlyCollection<string>? protectedClients = null)
    : ICredentialConnector, ITokenRevoker
{
    private readonly ConnectorScope _scope = Checked(name, managedClients ?? ConnectorScope.Nothing, Protected(clientId, protectedClients));
    private readonly HashSet<string> _protected = Protected(clientId, protectedClients);
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
        var client = Uri.EscapeDataString(credential.StoreReference);
        var parts = new List<string>();
        if (credential.Kind == CredentialKind.ClientSecret)
        {
            // The new secret is discarded unseen: replacing it is what kills the old one.
            using var replaced = await SendAsync(HttpMethod.Post, $"clients/{client}/secret", ct);
            if (!replaced.IsSuccessStatusCode)
            {
                return ConnectorResult.Failed($"replacing the secret of \"{credential.StoreReference}\": HTTP {(int)replaced.StatusCode} {await Short(replaced, ct)}");
            }
            parts.Add("secret replaced");
        }
        using var revoked = await SendAsync(HttpMethod.Post, $"clients/{client}/revoke-tokens", ct);
        if (!revoked.IsSuccessStatusCode)
        {
            return ConnectorResult.Failed($"revoking the tokens of \"{credential.StoreReference}\": HTTP {(int)revoked.StatusCode} {await Short(revoked, ct)}");
        }
        var count = (await revoked.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("revoked").GetInt32();
        parts.Add($"{count} token(s) revoked");
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
        using var response = await SendAsync(HttpMethod.Post, $"clients/{Uri.EscapeDataString(credential.StoreReference)}/secret", ct);
        if (!response.IsSuccessStatusCode)
        {
            return new RotationResult(false, $"HTTP {(int)response.StatusCode} {await Short(response, ct)}");
        }
        var secret = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("secret").GetString()!;
        return new RotationResult(true, $"client \"{credential.StoreReference}\" has a new secret", Fingerprint.OfSecret(secret), null, secret);
    }

    public async Task<ProbeResult> ProbeAsync(CredentialRef credential, CancellationToken ct)
    {
        if (Refusal(credential.StoreReference) is { } refusal)
        {
            return new ProbeResult(false, refusal, Verifiable: false);
        }
        using var response = await SendAsync(HttpMethod.Get, $"clients/{Uri.EscapeDataString(credential.StoreReference)}", ct);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return ProbeResult.NotFound($"client \"{credential.StoreReference}\" not found: cannot verify");
        }
        if (!response.IsSuccessStatusCode)
        {
            return new ProbeResult(false, $"the provider could not say: HTTP {(int)response.StatusCode}", Verifiable: false);
        }
        var state = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var activeTokens = state.GetProperty("activeTokens").GetInt32();
        var sameSecret = credential.Kind == CredentialKind.ClientSecret
            && state.TryGetProperty("secretFingerprint", out var current) && current.GetString() == credential.Fingerprint.Value;
        var accepted = sameSecret || activeTokens > 0;
        return new ProbeResult(accepted, accepted
            ? $"client \"{credential.StoreReference}\" still accepted: {(sameSecret ? "the revoked secret is still current, " : "")}{activeTokens} active token(s)"
            : $"client \"{credential.StoreReference}\": the revoked secret is no longer current and no token is active");
    }

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

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(managementUrl, path));
        request.Headers.Authorization = Basic();
        return await http.SendAsync(request, ct);
    }

    private static async Task<string> Short(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        return text.Length > 200 ? text[..200] : text;
    }

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
