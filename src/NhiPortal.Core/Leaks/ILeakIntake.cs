namespace NhiPortal.Core.Leaks;

/// <summary>Leak reports in (scanners through the API, as a <see cref="Access.Capability.ReportLeaks"/> client) and the one-click revoke.</summary>
public interface ILeakIntake
{
    /// <summary>
    /// Fingerprints the value at once, matches the credential and applies <see cref="LeakPolicy"/>. The same scanner and
    /// external id again returns the first report (<see cref="LeakReceipt.Duplicate"/>).
    /// </summary>
    Task<LeakReceipt> ReportAsync(LeakReportRequest request, CancellationToken ct = default);

    /// <summary>Starts the revocation run of a reported credential through the revocation service (its role check applies); returns the run id.</summary>
    Task<Guid> RevokeNowAsync(Guid reportId, string reason, CancellationToken ct = default);
}
