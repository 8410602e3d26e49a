using NhiPortal.Core.Common;

namespace NhiPortal.Core.Revocation;

/// <summary>Revocation runs, read: the list and one run with its steps (organisation-wide oversight).</summary>
public interface IRevocationRunQueries
{
    Task<RevocationRunView> GetRunAsync(Guid runId, CancellationToken ct = default);

    Task<Page<RevocationRunRow>> ListRunsAsync(PageRequest page, CancellationToken ct = default);
}
