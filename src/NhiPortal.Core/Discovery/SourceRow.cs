namespace NhiPortal.Core.Discovery;

/// <summary>One configured source on the Sources page, with its freshness.</summary>
public sealed record SourceRow(
    string Name, string Kind, string Location, string Environment, TimeSpan Interval,
    DateTime? LastAttemptUtc, DateTime? LastSuccessUtc, DiscoveryRunStatus? LastStatus, string? LastError,
    bool IsStale, bool SyncRequested, int DiscoveredIdentities, int Unowned, int Gone)
{
    /// <summary>Stale: never read successfully, the last attempt failed, or the last success is older than twice the interval.</summary>
    public static bool StaleAt(DateTime now, TimeSpan interval, DateTime? lastSuccessUtc, DiscoveryRunStatus? lastStatus) =>
        lastSuccessUtc is null || lastStatus == DiscoveryRunStatus.Failed || now - lastSuccessUtc > interval * 2;
}
