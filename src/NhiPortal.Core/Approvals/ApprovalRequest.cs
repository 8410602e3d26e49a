namespace NhiPortal.Core.Approvals;

/// <summary>
/// A change waiting for a second person: what it is (<see cref="PayloadJson"/> holds the request exactly as it will be
/// carried out), who asked and why, and who approved or rejected it, when and why. The approver is never the requester.
/// </summary>
public sealed class ApprovalRequest
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required ApprovalKind Kind { get; set; }

    /// <summary>One line for the list: "Revoke 240 credentials: INC-1234 …".</summary>
    public required string Summary { get; set; }

    public const int MaxSummary = 500;

    public required string PayloadJson { get; set; }

    public required string RequestedBy { get; set; }

    public required string RequestedByName { get; set; }

    public required DateTime RequestedUtc { get; set; }

    public ApprovalState State { get; set; } = ApprovalState.Pending;

    public string? DecidedBy { get; set; }

    public string? DecidedByName { get; set; }

    public DateTime? DecidedUtc { get; set; }

    public string? DecisionNote { get; set; }

    /// <summary>What came of it: the run started, the policy version saved, or why it could not be carried out.</summary>
    public string? Outcome { get; set; }

    public const int MaxOutcome = 1000;

    /// <summary>Optimistic concurrency: two approvers at once; the second is told.</summary>
    public int Version { get; set; }

    public void Decide(bool approve, string decidedBy, string decidedByName, string note, DateTime nowUtc)
    {
        if (State != ApprovalState.Pending)
        {
            throw new InvalidOperationException($"The request is {State}; only a pending one is decided.");
        }
        if (string.Equals(decidedBy, RequestedBy, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The requester cannot decide their own request.");
        }
        State = approve ? ApprovalState.Approved : ApprovalState.Rejected;
        (DecidedBy, DecidedByName, DecidedUtc, DecisionNote) = (decidedBy, decidedByName, nowUtc, note.Trim());
        Version++;
    }

    /// <summary>Approved, then carried out (or not): the outcome is recorded either way.</summary>
    public void Record(string outcome, bool failed)
    {
        if (State is not (ApprovalState.Approved or ApprovalState.Failed))
        {
            throw new InvalidOperationException($"The request is {State}; only an approved one has an outcome.");
        }
        State = failed ? ApprovalState.Failed : ApprovalState.Approved;
        Outcome = outcome.Length <= MaxOutcome ? outcome : outcome[..(MaxOutcome - 1)] + "…";
        Version++;
    }
}
