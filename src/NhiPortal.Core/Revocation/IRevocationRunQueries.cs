using NhiPortal.Core.Common;

namespace NhiPortal.Core.Revocation;

/// <summary>Revocation runs, read: the list and one run with its steps (organisation-wide oversight).</summary>
public interface IRevocationRunQueries
{
    Task<RevocationRunView> GetRunAsync(Guid runId, CancellationToken ct = default);

    Task<Page<RevocationRunRow>> ListRunsAsync(PageRequest page, CancellationToken ct = default);

    /// <summary>A run with its step counts by state from one aggregate, without loading the steps.</summary>
    Task<RevocationRunSummary> GetSummaryAsync(Guid runId, CancellationToken ct = default);

    /// <summary>The run's steps in order, after the step id given (keyset paging); the page's total is the run's step count.</summary>
    Task<Page<RevocationStepView>> GetStepsAsync(Guid runId, long? afterStepId, int take, CancellationToken ct = default);
}
