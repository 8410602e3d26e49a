namespace NhiPortal.Core.Revocation;

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

    /// <summary>
    /// For a run started with an idempotency key: the SHA-256 of the request it was started for, so the same key with
    /// another request is told apart from a retry.
    /// </summary>
    public string? RequestHash { get; set; }

    /// <summary>How many times the run was executed (a retry after a partial failure adds one).</summary>
    public int Executions { get; set; }

    /// <summary>The instance executing it and when it last reported; a stale heartbeat after a restart means interrupted.</summary>
    public string? Holder { get; set; }

    public DateTime? HeartbeatUtc { get; set; }

    /// <summary>
    /// How many steps are in each state, kept on the run by whoever changes a step (in the same transaction), so the
    /// run page reads five numbers instead of aggregating 100,000 steps per update. All zero: not kept (an older or
    /// a one-step run); read the aggregate then.
    /// </summary>
    public int StepsPending { get; set; }

    public int StepsRevoked { get; set; }

    public int StepsVerified { get; set; }

    public int StepsProbeFailed { get; set; }

    public int StepsFailed { get; set; }

    public List<RevocationStep> Steps { get; set; } = [];
}
