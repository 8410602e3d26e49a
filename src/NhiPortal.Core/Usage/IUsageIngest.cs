namespace NhiPortal.Core.Usage;

/// <summary>
/// Takes usage events (from a source's log, a sync's last-logon attributes, the API's batch endpoint) into hourly
/// buckets and the credentials' last use. The origin names where they came from, for the record.
/// </summary>
public interface IUsageIngest
{
    Task<UsageIngestResult> IngestAsync(IReadOnlyList<UsageEvent> events, string origin, CancellationToken ct = default);
}
