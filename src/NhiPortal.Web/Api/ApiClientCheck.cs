using System.Collections.Concurrent;
using NhiPortal.Core.Access;
using NhiPortal.Infrastructure.Access;

namespace NhiPortal.Web.Api;

/// <summary>
/// The standing of each API client, read from the inventory and kept for a few seconds, so a revoked or disabled client
/// is refused within <see cref="ApiSettings.StandingCache"/> even while its tokens are unexpired.
/// </summary>
public sealed class ApiClientCheck(ApiClientRegistry registry, ApiSettings settings, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (ApiClientStanding Standing, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task<ApiClientStanding> GetAsync(string clientId, CancellationToken ct)
    {
        if (settings.ClientStore is not { } store)
        {
            return new ApiClientStanding(clientId, null, null,
                $"The API accepts no client: {ApiSettings.Section}:ClientStore is not set (the store holding the IdP's clients).");
        }
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(clientId, out var cached) && cached.Until > now)
        {
            return cached.Standing;
        }
        var standing = await registry.LookUpAsync(store, clientId, ct);
        if (_cache.Count > 10_000)
        {
            _cache.Clear();
        }
        _cache[clientId] = (standing, now + settings.StandingCache);
        return standing;
    }
}
