using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NhiPortal.Core.Audit;

namespace NhiPortal.Infrastructure.Audit;

/// <summary>
/// Chain heads published outside the database (<c>Audit:HeadsFile</c>, JSON lines, append-only): a chain that is later
/// shorter than a published head, or has another hash at its sequence, was truncated or rebuilt. It holds hashes only,
/// never a secret; copy it off the machine (syslog, a log shipper) to make it stronger still.
/// </summary>
public sealed class AuditHeadsFile(string path)
{
    public const string Setting = "Audit:HeadsFile";

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };
    private readonly Lock _gate = new();
    private Dictionary<AuditStream, PublishedHead>? _latest;

    public string Path => path;

    /// <summary>A relative path is under the content root, like the SQLite file.</summary>
    public static AuditHeadsFile Resolve(string? configured, string contentRoot) =>
        new(System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? System.IO.Path.Combine("App_Data", "audit-heads.jsonl") : configured, contentRoot));

    public void Append(IReadOnlyCollection<PublishedHead> heads)
    {
        if (heads.Count == 0)
        {
            return;
        }
        lock (_gate)
        {
            var latest = LatestLocked();
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var text = new StringBuilder();
            foreach (var head in heads)
            {
                text.Append(JsonSerializer.Serialize(head, Json)).Append('\n');
                latest[head.Stream] = head;
            }
            using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            file.Write(Encoding.UTF8.GetBytes(text.ToString()));
            // On disk before the pass reports success: a crash leaves the file behind the database, never ahead.
            file.Flush(flushToDisk: true);
        }
    }

    /// <summary>The furthest head published per stream (cached; the sealer asks every pass).</summary>
    public IReadOnlyDictionary<AuditStream, PublishedHead> Latest()
    {
        lock (_gate)
        {
            return new Dictionary<AuditStream, PublishedHead>(LatestLocked());
        }
    }

    /// <summary>Every head ever published, read afresh from the file.</summary>
    public IReadOnlyList<PublishedHead> ReadAll()
    {
        if (!File.Exists(path))
        {
            return [];
        }
        var heads = new List<PublishedHead>();
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        while (reader.ReadLine() is { } line)
        {
            try
            {
                if (line.Length > 0 && JsonSerializer.Deserialize<PublishedHead>(line, Json) is { Hash: not null } head)
                {
                    heads.Add(head);
                }
            }
            catch (JsonException)
            {
                // A line cut short by a crash: the lines before and after it still count.
            }
        }
        return heads;
    }

    private Dictionary<AuditStream, PublishedHead> LatestLocked() =>
        _latest ??= ReadAll().GroupBy(h => h.Stream).ToDictionary(g => g.Key, g => g.MaxBy(h => h.Sequence)!);
}
