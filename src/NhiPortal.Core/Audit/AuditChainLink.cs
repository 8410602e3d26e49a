namespace NhiPortal.Core.Audit;

/// <summary>
/// One link of a stream's hash chain, in its own insert-only table, so the audit rows themselves are never updated:
/// <c>Hash = HMAC-SHA-256(key, PreviousHash ‖ the event's content)</c> (plain SHA-256 for links sealed before the chain was keyed). Editing an event, deleting one, or deleting a link
/// breaks the chain at that point; verification names the stream, position and event.
/// </summary>
public sealed class AuditChainLink
{
    public required long EventId { get; set; }

    public required AuditStream Stream { get; set; }

    /// <summary>Position in the stream's chain: 1, 2, 3… with no gaps.</summary>
    public required long Sequence { get; set; }

    /// <summary>The previous link's hash ("" for the first event of a stream).</summary>
    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }

    public required DateTime SealedUtc { get; set; }

    /// <summary>
    /// How <see cref="Hash"/> was made: <c>hmac-sha256:&lt;key id&gt;</c>, or <see cref="AuditChain.LegacyAlgorithm"/> for links
    /// sealed before the chain was keyed (anyone can compute those, so they prove less; see the README).
    /// </summary>
    public required string Algorithm { get; set; }
}
