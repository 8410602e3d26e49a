namespace NhiPortal.Core.Outbox;

/// <summary>How a background job last went, whichever instance ran it: for the background-work page and its lag.</summary>
public sealed class JobStatus
{
    public required string Name { get; set; }

    public DateTime? LastStartedUtc { get; set; }

    public DateTime? LastFinishedUtc { get; set; }

    public DateTime? LastSucceededUtc { get; set; }

    public long? LastDurationMs { get; set; }

    /// <summary>The last failure's message, cleared by the next success.</summary>
    public string? LastError { get; set; }

    public string? LastInstance { get; set; }

    /// <summary>What the last run did, in a few words ("12 reminded, 1 closed").</summary>
    public string? LastOutcome { get; set; }

    public long Runs { get; set; }
}
