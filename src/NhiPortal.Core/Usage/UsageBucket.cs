namespace NhiPortal.Core.Usage;

/// <summary>
/// Use of one credential from one source network in one hour: what ingest writes (one upsert per bucket, not a row
/// per event) and what baselines learn from. First and last seen keep minute precision for "two networks within minutes".
/// </summary>
public sealed class UsageBucket
{
    public Guid CredentialId { get; set; }

    /// <summary>The hour, truncated (UTC).</summary>
    public DateTime HourUtc { get; set; }

    /// <summary>The source network: an IPv4 /24 or an IPv6 /64 (loopback as itself), "unknown" when the source gives none.</summary>
    public required string Network { get; set; }

    public long Count { get; set; }

    public long Refused { get; set; }

    public DateTime FirstSeenUtc { get; set; }

    public DateTime LastSeenUtc { get; set; }

    /// <summary>The last target seen in this bucket.</summary>
    public string? Target { get; set; }

    /// <summary>The last address seen in this bucket (evidence for a flag).</summary>
    public string? LastAddress { get; set; }

    /// <summary>How much of <see cref="Count"/> the evaluator has already learned from and judged.</summary>
    public long EvaluatedCount { get; set; }

    /// <summary>When ingest last changed this bucket: the evaluator reads buckets changed since its watermark.</summary>
    public DateTime UpdatedUtc { get; set; }
}
