using NhiPortal.Core.Common;

namespace NhiPortal.Core.Usage;

/// <summary>Flags as the caller may see them: everything, or a Reviewer's own identities only.</summary>
public interface IAnomalyQueries
{
    Task<Page<AnomalyRow>> QueryAsync(AnomalyFilter filter, int skip, int take, CancellationToken ct = default);

    Task<AnomalyCounts> GetCountsAsync(CancellationToken ct = default);
}
