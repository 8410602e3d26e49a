using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NhiPortal.Core.Audit;

/// <summary>
/// One link of a stream's hash chain, in its own insert-only table, so the audit rows themselves are never updated:
/// <c>Hash = SHA-256(PreviousHash ‖ the event's content)</c>. Editing an event, deleting one, or deleting a link
/// breaks the chain at that point; verification names the stream, position and event.
/// </summary>
public sealed class AuditChainLink
{
    public required long EventId { get; set; }

    public required AuditStream Stream { get; set; }

    /// <summary>Position in the stream's chain: 1, 2, 3… with no gaps.</summary>
    public required long Sequence { get; set; }

    /// <summary>Hex SHA-256 of the previous link ("" for the first event of a stream).</summary>
    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }

    public required DateTime SealedUtc { get; set; }
}

public static class AuditChain
{
    /// <summary>
    /// The hash of one event after its predecessor. Every field is length-prefixed, so no two different events can
    /// serialise to the same text; times are ISO 8601 UTC to the tick.
    /// </summary>
    public static string Hash(string previousHash, AuditEvent e)
    {
        var text = new StringBuilder(256);
        foreach (var field in Fields(e))
        {
            var value = field ?? "\u2400";
            text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('|');
        }
        var bytes = Encoding.UTF8.GetBytes(previousHash + "\n" + text);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static IEnumerable<string?> Fields(AuditEvent e)
    {
        string?[] fields =
        [
            e.Id.ToString(CultureInfo.InvariantCulture), e.Stream.ToString(), e.Type,
            DateTime.SpecifyKind(e.OccurredUtc, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture),
            e.Actor, e.TargetType, e.TargetId, e.BeforeJson, e.AfterJson, e.CorrelationId, e.Summary,
        ];
        // Added later: present only when set, so events sealed before the field existed keep their hashes.
        return e.OnBehalfOf is null ? fields : [.. fields, e.OnBehalfOf];
    }
}

public sealed record ChainProblem(AuditStream Stream, long? Sequence, long? EventId, string Problem);

/// <summary>What a verification found: how far each chain was checked, and every break, with where it is.</summary>
public sealed record ChainVerification(DateTime CheckedUtc, long CheckedEvents, long UnsealedEvents, IReadOnlyList<ChainProblem> Problems,
    IReadOnlyDictionary<AuditStream, string> Heads)
{
    public bool Intact => Problems.Count == 0;

    public string Describe() => Intact
        ? $"Intact: {CheckedEvents:N0} events in {Heads.Count} stream(s) verified{(UnsealedEvents > 0 ? $"; {UnsealedEvents:N0} newer event(s) not yet sealed" : "")}."
        : $"BROKEN: {Problems.Count} problem(s); first: {Problems[0].Stream} #{Problems[0].Sequence}: {Problems[0].Problem}";
}
