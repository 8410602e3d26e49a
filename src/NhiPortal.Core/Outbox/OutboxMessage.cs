namespace NhiPortal.Core.Outbox;

/// <summary>
/// One follow-up, written in the same transaction as the change that causes it, and the event envelope the SIEM
/// feed reads: id, monotonic sequence, type, time, actor, subject, structured payload. The dispatcher carries it out
/// at least once; handlers are idempotent, keyed by <see cref="Id"/>.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Monotonic: the order in which follow-ups were written, and a feed's cursor.</summary>
    public long Sequence { get; set; }

    /// <summary>The idempotency key: a handler that creates something gives it this id, so a second delivery finds it.</summary>
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string Type { get; set; }

    public required DateTime OccurredUtc { get; set; }

    /// <summary>Who caused it: a staff subject or <c>system:&lt;job&gt;</c>.</summary>
    public required string Actor { get; set; }

    /// <summary>For work the portal does by itself: the campaign, decision or person it acts for.</summary>
    public string? OnBehalfOf { get; set; }

    public required string SubjectType { get; set; }

    public string? SubjectId { get; set; }

    /// <summary>Structured payload (JSON); never a secret.</summary>
    public required string PayloadJson { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptUtc { get; set; }

    public string? LastError { get; set; }

    public DateTime? CompletedUtc { get; set; }

    /// <summary>Set when the retries ran out: the row stays visible on the background-work page until someone retries it.</summary>
    public DateTime? GaveUpUtc { get; set; }

    public OutboxState State => CompletedUtc is not null ? OutboxState.Done : GaveUpUtc is not null ? OutboxState.Failed : OutboxState.Pending;
}
