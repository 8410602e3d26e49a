using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NhiPortal.Core.Revocation;

namespace NhiPortal.Infrastructure.Connectors;

/// <summary>
/// For vaults and clouds without a built-in connector: a signed HTTPS POST per action. The body is
/// <c>{"action","credentialId","name","kind","storeReference","fingerprint","sentUtc"}</c> (fingerprint shortened, never a
/// secret); the header <c>X-NhiPortal-Signature: sha256=&lt;hex HMAC-SHA256 of timestamp + "." + body&gt;</c> with
/// <c>X-NhiPortal-Timestamp</c> lets the receiver check origin and freshness. The receiver answers 2xx with
/// <c>{"status": "...", "active": bool}</c>; its answer is recorded.
/// </summary>
public sealed class WebhookConnector(string name, Uri url, byte[] signingKey, HttpClient http, TimeProvider clock) : ICredentialConnector, ISecretDelivery
{
    /// <summary>The receiver keeps the new secret in its own store.</summary>
    public bool DeliversRotatedSecrets => true;

    public const string SignatureHeader = "X-NhiPortal-Signature";
    public const string TimestampHeader = "X-NhiPortal-Timestamp";

    public string Name => name;

    public string Kind => ConnectorKinds.Webhook;

    public bool CanRotate => true;

    public string Describe(CredentialRef credential) => $"signed request to {url.Host} asking it to revoke \"{credential.StoreReference}\"";

    public async Task<ConnectorResult> RevokeAsync(CredentialRef credential, CancellationToken ct)
    {
        var (ok, answer) = await SendAsync("revoke", credential, ct);
        return new ConnectorResult(ok, answer.Describe());
    }

    public async Task<RotationResult> RotateAsync(CredentialRef credential, CancellationToken ct)
    {
        // The receiver rotates in its own store and delivers the new secret there; the portal learns only the outcome.
        var (ok, answer) = await SendAsync("rotate", credential, ct);
        return new RotationResult(ok, answer.Describe(), DeliveredTo: ok ? $"{url.Host} (held by the receiver)" : null);
    }

    public async Task<ProbeResult> ProbeAsync(CredentialRef credential, CancellationToken ct)
    {
        var (ok, answer) = await SendAsync("probe", credential, ct);
        if (!ok || answer.Active is null)
        {
            return new ProbeResult(false, $"the receiver could not say: {answer.Describe()}", Verifiable: false);
        }
        return new ProbeResult(answer.Active.Value, answer.Describe());
    }

    private async Task<(bool Ok, WebhookAnswer Answer)> SendAsync(string action, CredentialRef credential, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new
        {
            action, credentialId = credential.CredentialId, name = credential.Name, kind = credential.Kind.ToString(),
            storeReference = credential.StoreReference, fingerprint = credential.Fingerprint.Short, sentUtc = clock.GetUtcNow().UtcDateTime,
            runId = credential.Run?.RunId, reason = credential.Run?.Reason,
        });
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, "sha256=" + Sign(signingKey, timestamp, body));
        using var response = await http.SendAsync(request, ct);
        WebhookAnswer? answer = null;
        try
        {
            answer = await response.Content.ReadFromJsonAsync<WebhookAnswer>(cancellationToken: ct);
        }
        catch (JsonException)
        {
            // A non-JSON answer is reported by its status code alone.
        }
        answer ??= new WebhookAnswer(null, null);
        answer = answer with { HttpStatus = (int)response.StatusCode };
        return (response.IsSuccessStatusCode, answer);
    }

    /// <summary>The signature a receiver recomputes: hex HMAC-SHA256 over "timestamp.body".</summary>
    public static string Sign(byte[] key, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(timestamp + "." + body)));

    private sealed record WebhookAnswer(string? Status, bool? Active, int HttpStatus = 0)
    {
        public string Describe() => $"HTTP {HttpStatus}{(Status is null ? "" : $", status \"{Truncate(Status)}\"")}{(Active is null ? "" : $", active={Active.Value.ToString().ToLowerInvariant()}")}";

        private static string Truncate(string s) => s.Length > 200 ? s[..200] : s;
    }
}
