using NhiPortal.Core.Outbox;

namespace NhiPortal.Infrastructure.Outbox;

/// <summary>
/// Carries out one kind of follow-up. Idempotent: a row may be delivered again after a crash between doing the work
/// and marking it done, so a handler keys what it creates on the row's <see cref="OutboxMessage.Id"/>. A handler
/// with a batch size above one coalesces rows (many "scores are stale" rows become one rescore).
/// </summary>
public interface IFollowUpHandler
{
    string Type { get; }

    int BatchSize { get; }

    Task HandleAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken ct);
}
