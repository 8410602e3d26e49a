namespace NhiPortal.Core.Discovery;

/// <summary>
/// The portal's memory of one source: the last good read (the data it left stays), the last attempt, and where usage
/// reading continues. Stale when the last attempt failed or the last success is older than twice the interval.
/// </summary>
public sealed class DiscoverySourceState
{
    public required string Name { get; set; }

    public required string Kind { get; set; }

    public DateTime? LastAttemptUtc { get; set; }

    public DateTime? LastSuccessUtc { get; set; }

    public Guid? LastRunId { get; set; }

    public DiscoveryRunStatus? LastStatus { get; set; }

    public string? LastError { get; set; }

    /// <summary>The usage source's opaque cursor (a log file and offset, an event time).</summary>
    public string? UsageCursor { get; set; }

    /// <summary>When a person asked for a sync that has not yet run.</summary>
    public DateTime? SyncRequestedUtc { get; set; }

    public string? SyncRequestedBy { get; set; }
}
