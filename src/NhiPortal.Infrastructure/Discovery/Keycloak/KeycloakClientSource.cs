using System.Globalization;
using Microsoft.Extensions.Configuration;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Discovery;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Usage;
using NhiPortal.Infrastructure.Connectors;

namespace NhiPortal.Infrastructure.Discovery.Keycloak;

/// <summary>
/// Discovers a Keycloak realm's confidential clients (API clients) through the documented Admin REST API, and reads
/// their use from the realm's CLIENT_LOGIN events. A client's secret is read, hashed to a SHA-256 fingerprint in
/// memory and dropped: never stored, logged or kept. Least privilege: a confidential client with a service account
/// holding realm-management's view-clients, view-users and view-events, plus manage-clients (Keycloak hands out
/// client secrets only to it). Settings: <c>Discovery:Sources:&lt;name&gt;:{Kind: keycloak, BaseUrl, Realm, ClientId,
/// ClientSecretVariable | ClientSecretFile, ManagedClients, ManagedClientPrefix, TimeoutSeconds}</c>.
/// </summary>
public sealed class KeycloakClientSource : IDiscoverySource, IUsageSource
{
    private const string SecretCreationTime = "client.secret.creation.time";
    private readonly KeycloakAdminApi _api;
    private readonly string _realm;
    private readonly ConnectorScope _scope;
    private readonly int _pageSize;

    public KeycloakClientSource(string name, Uri baseUrl, string realm, string clientId, string clientSecret, HttpClient http,
        DeploymentEnvironment environment, TimeSpan timeout, ConnectorScope? managedClients = null, int pageSize = 100)
    {
        var normalised = new Uri(baseUrl.ToString().TrimEnd('/') + "/");
        Name = name;
        Environment = environment;
        _realm = realm;
        _scope = managedClients ?? ConnectorScope.Nothing;
        _pageSize = Math.Max(1, pageSize);
        _api = new KeycloakAdminApi(name, normalised, realm, clientId, clientSecret, http, timeout);
        Location = $"{_api.Where} as {clientId}";
    }

    public static KeycloakClientSource FromConfiguration(IConfigurationSection section, DiscoverySourceSettings settings, HttpClient http)
    {
        string Need(string key) => section[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Discovery source \"{settings.Name}\" (keycloak) needs Discovery:Sources:{settings.Name}:{key}.");
        var secret = DiscoverySourceSettings.Secret(section, "ClientSecret")
            ?? throw new InvalidOperationException($"Discovery source \"{settings.Name}\" (keycloak) needs ClientSecretVariable or ClientSecretFile.");
        return new KeycloakClientSource(settings.Name, new Uri(Need("BaseUrl")), Need("Realm"), Need("ClientId"), secret, http, settings.Environment, settings.Timeout,
            ConnectorScope.FromConfiguration(section, "ManagedClientPrefix", "ManagedClients"), section.GetValue("PageSize", 100));
    }

    public string Name { get; }

    public string Kind => DiscoverySourceKinds.Keycloak;

    public string Location { get; }

    public DeploymentEnvironment Environment { get; }

    public async Task<DiscoveryRead> ReadAsync(CancellationToken ct)
    {
        var accounts = new List<DiscoveredAccount>();
        var errors = new List<ObjectError>();
        await foreach (var client in ClientsAsync(ct))
        {
            if (!IsAccount(client))
            {
                continue;
            }
            if (await AccountAsync(client, ct) is { } account)
            {
                accounts.Add(account);
            }
            else
            {
                errors.Add(new ObjectError(client.Id, $"client \"{client.ClientId}\" went while it was being read"));
            }
        }
        return DiscoveryRead.Full(accounts, errors);
    }

    /// <summary>Pages <c>GET clients?first=&amp;max=</c> until a short page.</summary>
    private async IAsyncEnumerable<KeycloakClient> ClientsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        for (var first = 0; ; first += _pageSize)
        {
            var page = await _api.GetAsync<List<KeycloakClient>>(string.Create(CultureInfo.InvariantCulture, $"clients?first={first}&max={_pageSize}"), ct)
                ?? throw new DiscoverySourceException($"Keycloak source \"{Name}\", {_api.Where}: the realm was not found.");
            foreach (var client in page)
            {
                yield return client;
            }
            if (page.Count < _pageSize)
            {
                yield break;
            }
        }
    }

    /// <summary>Confidential clients with a service account or a secret, within the allow-list when one is configured.</summary>
    private bool IsAccount(KeycloakClient client) =>
        !client.PublicClient && !client.BearerOnly && (client.ServiceAccountsEnabled || UsesSecret(client))
        && (_scope.IsEmpty || _scope.Allows(client.ClientId));

    private static bool UsesSecret(KeycloakClient client) => client.ClientAuthenticatorType is null or "client-secret" or "client-secret-jwt";

    /// <summary>At most three calls: the secret, the service-account user, its realm roles. Null when the client went meanwhile.</summary>
    private async Task<DiscoveredAccount?> AccountAsync(KeycloakClient client, CancellationToken ct)
    {
        var id = Uri.EscapeDataString(client.Id);
        Fingerprint fingerprint;
        if (UsesSecret(client))
        {
            var credential = await _api.GetAsync<KeycloakCredential>($"clients/{id}/client-secret", ct);
            if (credential is null)
            {
                return null;
            }
            // The value lives only for this statement: the fingerprint is what the portal keeps.
            fingerprint = Fingerprint.OfSecret(credential.Value ?? "");
        }
        else
        {
            fingerprint = Fingerprint.OfSecret($"{Name}|{client.Id}|{client.ClientAuthenticatorType}");
        }
        var roles = new List<string>();
        if (client.ServiceAccountsEnabled)
        {
            var user = await _api.GetAsync<KeycloakUser>($"clients/{id}/service-account-user", ct);
            if (user is not null)
            {
                roles.AddRange((await _api.GetAsync<List<KeycloakRole>>($"users/{Uri.EscapeDataString(user.Id)}/role-mappings/realm", ct) ?? []).Select(r => r.Name));
            }
        }
        var attributes = client.Attributes ?? [];
        DateTime? issued = attributes.TryGetValue(SecretCreationTime, out var created) && long.TryParse(created, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime
            : null;
        return new DiscoveredAccount
        {
            ExternalId = client.Id,
            Name = client.ClientId,
            Kind = IdentityKind.ApiClient,
            Description = client.Description is { Length: > 0 } d ? d : client.Name is { Length: > 0 } n ? n : $"Keycloak client in {_api.Where}",
            Disabled = !client.Enabled,
            OwnerHint = attributes.TryGetValue("owner", out var owner) && owner.Length > 0 ? owner : null,
            Entitlements = roles.Order(StringComparer.Ordinal).ToList(),
            Credential = new DiscoveredCredential
            {
                ExternalId = client.Id,
                Name = $"{client.ClientId} client secret",
                Kind = UsesSecret(client) ? CredentialKind.ClientSecret : CredentialKind.Certificate,
                StoreReference = client.ClientId,
                Fingerprint = fingerprint,
                IssuedUtc = issued,
                Enabled = client.Enabled,
            },
        };
    }

    /// <summary>
    /// CLIENT_LOGIN events oldest first (<c>direction=asc</c>, <c>dateFrom</c> in epoch ms) from the cursor
    /// "&lt;last event time ms&gt;:&lt;events already read at that time&gt;", so events sharing a millisecond are counted once.
    /// </summary>
    public async Task<UsageRead> ReadUsageAsync(string? cursor, CancellationToken ct)
    {
        var (since, seen) = ParseCursor(cursor);
        var events = new List<UsageEvent>();
        long last = since ?? long.MinValue;
        var atLast = since is null ? 0 : seen;
        var skip = seen;
        for (var first = 0; ; first += _pageSize)
        {
            var from = since is null ? "" : string.Create(CultureInfo.InvariantCulture, $"&dateFrom={since}");
            var page = await _api.GetAsync<List<KeycloakEvent>>(
                string.Create(CultureInfo.InvariantCulture, $"events?type=CLIENT_LOGIN&direction=asc{from}&first={first}&max={_pageSize}"), ct) ?? [];
            foreach (var e in page)
            {
                if (e.Time < last)
                {
                    throw new DiscoverySourceException($"Keycloak source \"{Name}\", {_api.Where}: events came newest first; this server ignores direction=asc (Keycloak 23 or later needed).");
                }
                if (since is not null && e.Time == since && skip > 0)
                {
                    skip--;
                    continue;
                }
                atLast = e.Time == last ? atLast + 1 : 1;
                last = e.Time;
                if (e.ClientId is { Length: > 0 } client && (_scope.IsEmpty || _scope.Allows(client)))
                {
                    events.Add(new UsageEvent
                    {
                        Store = Name,
                        StoreReference = client,
                        TimeUtc = DateTimeOffset.FromUnixTimeMilliseconds(e.Time).UtcDateTime,
                        SourceAddress = e.IpAddress,
                        Target = _realm,
                    });
                }
            }
            if (page.Count < _pageSize)
            {
                break;
            }
        }
        var next = last == long.MinValue ? cursor : string.Create(CultureInfo.InvariantCulture, $"{last}:{atLast}");
        return new UsageRead(events, next);
    }

    private static (long? Since, int Seen) ParseCursor(string? cursor)
    {
        var parts = (cursor ?? "").Split(':');
        return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var since)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seen)
            ? (since, seen)
            : (null, 0);
    }
}
