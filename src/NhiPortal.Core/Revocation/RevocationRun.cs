namespace NhiPortal.Core.Revocation;

/// <summary>Requested → Running → Completed | PartiallyFailed | Interrupted (DESIGN.md).</summary>
public enum RevocationRunStatus
{
    Requested,
    Running,
    Completed,
    PartiallyFailed,
    Interrupted,
}

/// <summary>Pending → Revoked → Verified | ProbeFailed, or Pending → Failed. Only Verified (and manual Revoked) steps are final.</summary>
public enum RevocationStepStatus
{
    Pending,
    Revoked,
    Verified,
    ProbeFailed,
    Failed,
}

/// <summary>
/// One emergency revocation: what was asked, by whom, why, and how it went. The run's request and completion times
/// feed the mean-time-to-respond metric.
/// </summary>
public sealed class RevocationRun
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>The incident id and reason the operator gave (required).</summary>
    public required string Reason { get; set; }

    public required string RequestedBy { get; set; }

    public required string RequestedByName { get; set; }

    public required DateTime RequestedUtc { get; set; }

    public DateTime? StartedUtc { get; set; }

    public DateTime? CompletedUtc { get; set; }

    public RevocationRunStatus Status { get; set; } = RevocationRunStatus.Requested;

    /// <summary>Set when the run revokes everything an identity holds ("revoke all").</summary>
    public Guid? IdentityId { get; set; }

    /// <summary>Containment: the identity is disabled in the same run.</summary>
    public bool DisableIdentity { get; set; }

    /// <summary>How many times the run was executed (a retry after a partial failure adds one).</summary>
    public int Executions { get; set; }

    /// <summary>The instance executing it and when it last reported; a stale heartbeat after a restart means interrupted.</summary>
    public string? Holder { get; set; }

    public DateTime? HeartbeatUtc { get; set; }

    public List<RevocationStep> Steps { get; set; } = [];
}

/// <summary>One credential in a run: each attempt and its outcome, the connector's answer and the probe's verdict.</summary>
public sealed class RevocationStep
{
    public long Id { get; set; }

    public Guid RunId { get; set; }

    public required Guid CredentialId { get; set; }

    public required string CredentialName { get; set; }

    public Guid? IdentityId { get; set; }

    /// <summary>The connector name (the credential's store) or <c>manual</c>.</summary>
    public required string Connector { get; set; }

    public RevocationStepStatus Status { get; set; } = RevocationStepStatus.Pending;

    public int Attempts { get; set; }

    /// <summary>The connector's or probe's last answer (never a secret).</summary>
    public string? Detail { get; set; }

    public DateTime? RevokedUtc { get; set; }

    public DateTime? VerifiedUtc { get; set; }

    public long? DurationMs { get; set; }

    /// <summary>
    /// Steps a (re-)run still has to do: everything but verified ones and ones revoked by hand (no probe can check a
    /// manual revocation). One expression, so the work list and the run's verdict never disagree.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<RevocationStep, bool>> IsOpen = s =>
        s.Status != RevocationStepStatus.Verified && !(s.Status == RevocationStepStatus.Revoked && s.Connector == ManualConnectorName);

    public const string ManualConnectorName = "manual";
}
