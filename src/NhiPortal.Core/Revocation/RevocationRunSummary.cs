namespace NhiPortal.Core.Revocation;

/// <summary>A run's state and how many of its steps are in each state, read from an aggregate rather than the steps.</summary>
public sealed record RevocationRunSummary(
    Guid Id, string Reason, string RequestedBy, string RequestedByName, DateTime RequestedUtc, DateTime? StartedUtc, DateTime? CompletedUtc,
    RevocationRunStatus Status, Guid? IdentityId, bool DisableIdentity, int Executions, IReadOnlyDictionary<RevocationStepStatus, int> StepCounts)
{
    public string? IdentityName { get; init; }

    public bool IsFinished => Status.IsFinished();

    public TimeSpan? Duration => CompletedUtc - RequestedUtc;

    public int Count(RevocationStepStatus status) => StepCounts.TryGetValue(status, out var n) ? n : 0;

    /// <summary>Percent of the steps no longer pending, for the progress bar (not part of the API's answer).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double PercentDone => TotalSteps == 0 ? 0 : 100.0 * (TotalSteps - Count(RevocationStepStatus.Pending)) / TotalSteps;

    /// <summary>The hash of the idempotent request that started it (not part of the API's answer).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? RequestHash { get; init; }

    public int TotalSteps => StepCounts.Values.Sum();
}
