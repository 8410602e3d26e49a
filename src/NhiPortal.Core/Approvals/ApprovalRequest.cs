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

    /// <summary>The person behind the request: the requester, or an API client's owner. Four eyes means two people, so they never decide it.</summary>
    public required string RequesterPerson { get; set; }

    public required DateTime RequestedUtc { get; set; }

    public ApprovalState State { get; set; } = ApprovalState.Pending;

    public string? DecidedBy { get; set; }

    public string? DecidedByName { get; set; }

    public DateTime? DecidedUtc { get; set; }

    public string? DecisionNote { get; set; }

    /// <summary>What came of it: the run started, the policy version saved, or why it could not be carried out.</summary>
    public string? Outcome { get; set; }

    public const int MaxOutcome = 1000;

    /// <summary>An approved revocation's run (it starts through a follow-up with this id).</summary>
    public Guid? RunId { get; set; }

    /// <summary>Optimistic concurrency: two approvers at once; the second is told.</summary>
    public int Version { get; set; }

    /// <summary>Whether the person behind <paramref name="deciderPerson"/> (their own subject, or an API client's owner's) asked for it.</summary>
    public bool AskedBy(string deciderPerson) => string.Equals(deciderPerson, RequesterPerson, StringComparison.Ordinal);

    public void Decide(bool approve, string decidedBy, string decidedByName, string deciderPerson, string note, DateTime nowUtc)
    {
        if (State != ApprovalState.Pending)
        {
            throw new InvalidOperationException($"The request is {State}; only a pending one is decided.");
        }
        if (AskedBy(deciderPerson))
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
