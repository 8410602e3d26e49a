using NhiPortal.Core.Common;

namespace NhiPortal.Core.Discovery;

/// <summary>What the Sources page and the orphans page read about discovery (operators, administrators, auditors).</summary>
public interface ISourceCatalog
{
    Task<IReadOnlyList<SourceRow>> GetSourcesAsync(CancellationToken ct = default);

    Task<IReadOnlyList<DiscoveryRunRow>> GetRunsAsync(string? source, int take = 20, CancellationToken ct = default);

    Task<IReadOnlyList<ConflictRow>> GetOpenConflictsAsync(int take = 200, CancellationToken ct = default);

    Task<Page<ProposedOwnerRow>> GetUnownedDiscoveredAsync(PageRequest request, bool proposedOnly = false, CancellationToken ct = default);
}
