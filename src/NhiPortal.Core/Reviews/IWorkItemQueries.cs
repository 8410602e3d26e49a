using NhiPortal.Core.Common;

namespace NhiPortal.Core.Reviews;

/// <summary>Review follow-ups: everyone's for those who oversee the organisation, one's own for a reviewer.</summary>
public interface IWorkItemQueries
{
    /// <summary>Open first, then the nearest due date; <paramref name="mineOnly"/> keeps the caller's own; <paramref name="search"/> matches the NHI's or the campaign's name.</summary>
    Task<Page<WorkItemRow>> ListAsync(WorkItemState? state, bool mineOnly, PageRequest page, string? search = null, CancellationToken ct = default);
}
