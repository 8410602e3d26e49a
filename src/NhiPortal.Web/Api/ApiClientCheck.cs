using Microsoft.Extensions.Caching.Memory;
using NhiPortal.Core.Access;
using NhiPortal.Infrastructure.Access;

namespace NhiPortal.Web.Api;

/// <summary>
/// The standing of each API client, read from the inventory and kept for a few seconds, so a revoked or disabled client
/// is refused within <see cref="ApiSettings.StandingCache"/> even while its tokens are unexpired.
/// </summary>
public sealed class ApiClientCheck(ApiClientRegistry registry, ApiSettings settings, IMemoryCache cache, TimeProvider clock)
{
    public async Task<ApiClientStanding> GetAsync(string clientId, CancellationToken ct)
    {
        if (settings.ClientStore is not { } store)
        {
            return new ApiClientStanding(clientId, null, null,
                $"The API accepts no client: {ApiSettings.Section}:ClientStore is not set (the store holding the IdP's clients).");
        }
        var key = (typeof(ApiClientCheck), clientId);
        // Freshness by the portal's clock, as the staff-directory check does; the cache's own expiry only frees the memory.
        if (cache.TryGetValue(key, out Answer? answer) && answer is not null && clock.GetUtcNow() - answer.CheckedAt < settings.StandingCache)
        {
            return answer.Standing;
        }
        var checkedAt = clock.GetUtcNow();
        var standing = await registry.LookUpAsync(store, clientId, ct);
        if (settings.StandingCache > TimeSpan.Zero)
        {
            cache.Set(key, new Answer(standing, checkedAt), settings.StandingCache);
        }
        return standing;
    }

    private sealed record Answer(ApiClientStanding Standing, DateTimeOffset CheckedAt);
}
