using NhiPortal.Core.Common;

namespace NhiPortal.Core.Reviews;

/// <summary>The caller's items to decide.</summary>
public interface IReviewQueue
{
    /// <summary>Items assigned to the caller, and escalated items they are the fallback for, riskiest first (the whole list).</summary>
    Task<IReadOnlyList<ReviewItemView>> MyQueueAsync(bool includeDecided = false, CancellationToken ct = default);

    /// <summary>
    /// One page of the same queue in the same order, sorted and counted by the database; the total is the whole queue's
    /// size, or of the items whose NHI's name contains <paramref name="search"/>.
    /// </summary>
    Task<Page<ReviewItemView>> MyQueuePageAsync(PageRequest page, bool includeDecided = false, string? search = null, CancellationToken ct = default);

    /// <summary>The same queue in item order, <paramref name="take"/> items after item <paramref name="afterId"/>: the API's stable pages.</summary>
    Task<IReadOnlyList<ReviewItemView>> MyQueueAfterAsync(long? afterId, int take, bool includeDecided = false, CancellationToken ct = default);

    /// <summary>The open queue's counts and nearest deadline, from aggregates.</summary>
    Task<ReviewQueueSummary> MyQueueSummaryAsync(CancellationToken ct = default);
}
