namespace NhiPortal.Core.Reviews;

/// <summary>The caller's items to decide.</summary>
public interface IReviewQueue
{
    /// <summary>Items assigned to the caller, and escalated items they are the fallback for, riskiest first.</summary>
    Task<IReadOnlyList<ReviewItemView>> MyQueueAsync(bool includeDecided = false, CancellationToken ct = default);
}
