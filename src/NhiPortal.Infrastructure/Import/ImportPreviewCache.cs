using Microsoft.Extensions.Caching.Memory;

namespace NhiPortal.Infrastructure.Import;

/// <summary>
/// Bounds what validated-but-not-applied imports hold in memory: at most <see cref="MaxPerPerson"/> previews a person
/// (their oldest goes first) and <see cref="MaxRowsHeld"/> rows over everyone (the oldest previews go first). One index
/// lives in the cache it guards, so each cache (and each test's) has its own.
/// </summary>
internal sealed class ImportPreviewCache
{
    public const int MaxPerPerson = 5;

    /// <summary>About ten files at the row limit.</summary>
    public const int DefaultMaxRowsHeld = 1_000_000;

    private const string IndexKey = "import-preview:index";
    private static readonly Lock Creating = new();

    private readonly IMemoryCache cache;
    private readonly LinkedList<Held> held = new();

    private ImportPreviewCache(IMemoryCache cache) => this.cache = cache;

    public int MaxRowsHeld { get; internal set; } = DefaultMaxRowsHeld;

    public static ImportPreviewCache For(IMemoryCache cache)
    {
        lock (Creating)
        {
            return cache.GetOrCreate(IndexKey, entry =>
            {
                entry.Priority = CacheItemPriority.NeverRemove;
                return new ImportPreviewCache(cache);
            })!;
        }
    }

    /// <summary>Stores a preview under its key, first evicting what the limits say must go to make room.</summary>
    public void Keep(string key, string subject, int rows, object preview, TimeSpan lifetime)
    {
        var weight = Math.Max(rows, 1);
        lock (held)
        {
            // Applied and expired previews are gone from the cache already; forget them here too.
            for (var node = held.First; node is not null;)
            {
                var next = node.Next;
                if (!cache.TryGetValue(node.Value.Key, out _))
                {
                    held.Remove(node);
                }
                node = next;
            }
            while (held.Count(h => h.Subject == subject) >= MaxPerPerson)
            {
                Evict(held.Find(held.First(h => h.Subject == subject))!);
            }
            while (held.Count > 0 && held.Sum(h => (long)h.Rows) + weight > MaxRowsHeld)
            {
                Evict(held.First!);
            }
            cache.Set(key, preview, lifetime);
            held.AddLast(new Held(key, subject, weight));
        }
    }

    private void Evict(LinkedListNode<Held> node)
    {
        cache.Remove(node.Value.Key);
        held.Remove(node);
    }

    private sealed record Held(string Key, string Subject, int Rows);
}
