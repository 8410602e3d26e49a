namespace NhiPortal.Core.Reviews;

/// <summary>Deciding and delegating review items (whoever an item is assigned or escalated to).</summary>
public interface IReviewDecisions
{
    /// <summary>Decides one item; a stale <see cref="DecisionRequest.Version"/> (someone decided first) raises <see cref="ReviewConflictException"/>.</summary>
    Task DecideAsync(DecisionRequest request, CancellationToken ct = default);

    /// <summary>Decides a selection in one transaction: all or none. Revocations follow through the outbox, committed with the decisions.</summary>
    Task<int> DecideManyAsync(IReadOnlyList<DecisionRequest> requests, CancellationToken ct = default);

    Task DelegateAsync(long itemId, int version, Guid toStaffId, string reason, CancellationToken ct = default);
}
