using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NhiPortal.Core.Audit;

/// <summary>
/// What a chain link and an event's MAC are computed over. Every field is length-prefixed, so no two different events
/// can serialise to the same text; times are ISO 8601 UTC to the tick. The keys live outside Core.
/// </summary>
public static class AuditChain
{
    /// <summary>The algorithm of links sealed before the chain was keyed: plain SHA-256.</summary>
    public const string LegacyAlgorithm = "sha256";

    /// <summary>A legacy (unkeyed) link's hash of one event after its predecessor.</summary>
    public static string Hash(string previousHash, AuditEvent e) => Convert.ToHexStringLower(SHA256.HashData(LinkContent(previousHash, e)));

    /// <summary>What a link covers: its predecessor and every field of the event, its id included.</summary>
    public static byte[] LinkContent(string previousHash, AuditEvent e) => Encoding.UTF8.GetBytes(previousHash + "\n" + Prefixed(Fields(e)));

    /// <summary>
    /// What an event's own MAC covers: its content, without the database-assigned id (the writer does not know it yet).
    /// Unlike <see cref="Fields"/>, <see cref="AuditEvent.OnBehalfOf"/> is always present: no MAC predates it.
    /// </summary>
    public static byte[] EventContent(AuditEvent e)
    {
        string?[] fields =
        [
            e.Stream.ToString(), e.Type, Time(e.OccurredUtc), e.Actor, e.OnBehalfOf, e.TargetType, e.TargetId, e.BeforeJson, e.AfterJson,
            e.CorrelationId, e.Summary,
        ];
        return Encoding.UTF8.GetBytes("event\n" + Prefixed(fields));
    }

    private static string Prefixed(IEnumerable<string?> fields)
    {
        var text = new StringBuilder(256);
        foreach (var field in fields)
        {
            var value = field ?? "\u2400";
            text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('|');
        }
        return text.ToString();
    }

    private static string Time(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);

    private static IEnumerable<string?> Fields(AuditEvent e)
    {
        string?[] fields =
        [
            e.Id.ToString(CultureInfo.InvariantCulture), e.Stream.ToString(), e.Type,
            Time(e.OccurredUtc),
            e.Actor, e.TargetType, e.TargetId, e.BeforeJson, e.AfterJson, e.CorrelationId, e.Summary,
        ];
        // Added later: present only when set, so events sealed before the field existed keep their hashes.
        return e.OnBehalfOf is null ? fields : [.. fields, e.OnBehalfOf];
    }
}
