using Microsoft.Extensions.Caching.Memory;
using NhiPortal.Core.Common;

namespace NhiPortal.Infrastructure.Import;

/// <summary>
/// At most <see cref="PerWindow"/> files validated per person per <see cref="Window"/>. Uploads arrive over the Blazor
/// circuit, not an HTTP endpoint the web host's rate limiter sees, so the service counts them itself (per instance).
/// </summary>
internal sealed class ImportRateLimit
{
    public const int PerWindow = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private const string Key = "import-rate-limit";
    private static readonly Lock Creating = new();
    private readonly Dictionary<string, Queue<DateTime>> _recent = new(StringComparer.Ordinal);

    public static ImportRateLimit For(IMemoryCache cache)
    {
        lock (Creating)
        {
            return cache.GetOrCreate(Key, entry =>
            {
                entry.Priority = CacheItemPriority.NeverRemove;
                return new ImportRateLimit();
            })!;
        }
    }

    /// <summary>Counts one upload for <paramref name="subject"/>, or refuses it, saying when the next one is allowed.</summary>
    public void Take(string subject, DateTime nowUtc)
    {
        lock (_recent)
        {
            var times = _recent.TryGetValue(subject, out var queue) ? queue : _recent[subject] = new Queue<DateTime>();
            while (times.Count > 0 && times.Peek() <= nowUtc - Window)
            {
                times.Dequeue();
            }
            if (times.Count >= PerWindow)
            {
                var wait = times.Peek() + Window - nowUtc;
                throw new ValidationException(
                    $"You have validated {PerWindow} files in the last {Window.TotalMinutes:0} minutes; try again in {Math.Ceiling(wait.TotalSeconds):0} s.");
            }
            times.Enqueue(nowUtc);
        }
    }
}
