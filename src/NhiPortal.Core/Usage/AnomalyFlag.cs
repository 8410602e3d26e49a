namespace NhiPortal.Core.Usage;

/// <summary>
/// Odd use of one credential, explained in one sentence with its evidence. <see cref="ObservedUtc"/> (the use) and
/// <see cref="DetectedUtc"/> (the flag) give the mean time to detect.
/// </summary>
public sealed class AnomalyFlag
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid CredentialId { get; set; }

    public Guid? IdentityId { get; set; }

    public AnomalyRule Rule { get; set; }

    public AnomalySeverity Severity { get; set; }

    /// <summary>The OWASP NHI Top 10 (2025) category, e.g. "NHI1:2025 Improper Offboarding".</summary>
    public required string OwaspCategory { get; set; }

    public required string Explanation { get; set; }

    /// <summary>Structured evidence (network, address, hours, counts) as JSON.</summary>
    public required string EvidenceJson { get; set; }

    /// <summary>What makes this flag the same as another (a network, an hour slot, a day): one open flag per credential, rule and key.</summary>
    public required string EvidenceKey { get; set; }

    public DateTime ObservedUtc { get; set; }

    public DateTime DetectedUtc { get; set; }

    public AnomalyStatus Status { get; set; } = AnomalyStatus.Open;

    public string? ResolvedBy { get; set; }

    public string? ResolutionReason { get; set; }

    public DateTime? ResolvedUtc { get; set; }

    /// <summary>The revocation run started from this flag, if any.</summary>
    public Guid? RevocationRunId { get; set; }
}
