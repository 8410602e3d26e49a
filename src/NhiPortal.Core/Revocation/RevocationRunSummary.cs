namespace NhiPortal.Core.Revocation;

/// <summary>A run's state and how many of its steps are in each state, read from an aggregate rather than the steps.</summary>
public sealed record RevocationRunSummary(
    Guid Id, string Reason, string RequestedBy, string RequestedByName, DateTime RequestedUtc, DateTime? StartedUtc, DateTime? CompletedUtc,
    RevocationRunStatus Status, Guid? IdentityId, bool DisableIdentity, int Executions, IReadOnlyDictionary<RevocationStepStatus, int> StepCounts)
{
    public int TotalSteps => StepCounts.Values.Sum();
}
