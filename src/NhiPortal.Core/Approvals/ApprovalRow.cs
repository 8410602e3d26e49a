namespace NhiPortal.Core.Approvals;

/// <summary>A request as the Approvals page lists it; <see cref="MayDecide"/> is the service's answer for the caller.</summary>
public sealed record ApprovalRow(Guid Id, ApprovalKind Kind, string Summary, string RequestedByName, DateTime RequestedUtc, ApprovalState State,
    string? DecidedByName, DateTime? DecidedUtc, string? DecisionNote, string? Outcome, int Version, bool MayDecide)
{
    /// <summary>An approved revocation's run, to follow at <c>/api/v1/revocations/{id}</c>.</summary>
    public Guid? RunId { get; init; }
}
