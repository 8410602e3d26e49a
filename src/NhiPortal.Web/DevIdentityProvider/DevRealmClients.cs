using System.Collections.Concurrent;

namespace NhiPortal.Web.DevIdentityProvider;

/// <summary>
/// What the development realm knows of each client beyond OpenIddict's registry: its current secret (a provider holds
/// it, as Keycloak does, so <c>GET …/client-secret</c> can answer; OpenIddict itself keeps only a slow hash), when it
/// was set (<c>client.secret.creation.time</c>), whether the client is enabled, and its not-before cut-off.
/// </summary>
public sealed class DevRealmClients(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DevRealmClient> _clients = new(StringComparer.Ordinal);

    public DevRealmClient Get(string clientId) => _clients.GetOrAdd(clientId, _ => new DevRealmClient(null, null, true, 0));

    public void SetSecret(string clientId, string secret) =>
        _clients.AddOrUpdate(clientId, _ => new DevRealmClient(secret, clock.GetUtcNow(), true, 0), (_, c) => c with { Secret = secret, SecretSetUtc = clock.GetUtcNow() });

    public void Update(string clientId, Func<DevRealmClient, DevRealmClient> change) => _clients.AddOrUpdate(clientId, _ => change(new DevRealmClient(null, null, true, 0)), (_, c) => change(c));
}
