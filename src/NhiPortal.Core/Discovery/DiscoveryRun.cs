namespace NhiPortal.Core.Discovery;

/// <summary>One sync of one source: when, who asked, what it found and what went wrong.</summary>
public sealed class DiscoveryRun
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string Source { get; set; }

    /// <summary>The person who pressed "Sync now", or <c>system:discovery</c> for a scheduled run.</summary>
    public required string TriggeredBy { get; set; }

    public DateTime StartedUtc { get; set; }

    public DateTime? EndedUtc { get; set; }

    public DiscoveryRunStatus Status { get; set; } = DiscoveryRunStatus.Running;

    public int Read { get; set; }

    public int New { get; set; }

    public int Changed { get; set; }

    public int Gone { get; set; }

    public int Conflicts { get; set; }

    public int Errors { get; set; }

    public int UsageEvents { get; set; }

    /// <summary>Why the run failed as a whole (the source's own message, no credentials).</summary>
    public string? Error { get; set; }

    /// <summary>Per-object errors as JSON (<see cref="ObjectError"/>), the first 200.</summary>
    public string? ObjectErrorsJson { get; set; }
}
