using Microsoft.Extensions.Caching.Memory;
using NhiPortal.Infrastructure.Access;

namespace NhiPortal.Web.Auth;

/// <summary>
/// Asks the staff directory whether a signed-in person has left, remembering each answer for
/// <see cref="SessionSettings.DirectoryCacheDuration"/> so a page load (many requests) costs one query, not one each.
/// </summary>
public sealed class DepartedStaffCheck(IStaffDirectoryStanding directory, IMemoryCache cache, TimeProvider clock, SessionSettings settings)
{
    public async Task<bool> HasLeftAsync(string subject, CancellationToken ct = default)
    {
        var key = Key(subject);
        // Freshness by the portal's clock (testable); the cache's own expiry only frees the memory.
        if (cache.TryGetValue(key, out Answer? answer) && answer is not null && clock.GetUtcNow() - answer.CheckedAt < settings.DirectoryCacheDuration)
        {
            return answer.HasLeft;
        }
        return await RefreshAsync(subject, ct);
    }

    /// <summary>Asks the directory now, whatever is cached (a sign-in must see the directory as it is).</summary>
    public async Task<bool> RefreshAsync(string subject, CancellationToken ct = default)
    {
        var checkedAt = clock.GetUtcNow();
        var hasLeft = await directory.HasLeftAsync(subject, ct);
        if (settings.DirectoryCacheDuration > TimeSpan.Zero)
        {
            cache.Set(Key(subject), new Answer(hasLeft, checkedAt), settings.DirectoryCacheDuration);
        }
        return hasLeft;
    }

    private static (Type, string) Key(string subject) => (typeof(DepartedStaffCheck), subject);

    private sealed record Answer(bool HasLeft, DateTimeOffset CheckedAt);
}
