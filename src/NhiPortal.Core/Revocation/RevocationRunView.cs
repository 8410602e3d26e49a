
namespace NhiPortal.Core.Revocation;

public sealed record RevocationRunView(
    Guid Id, string Reason, string RequestedByName, DateTime RequestedUtc, DateTime? StartedUtc, DateTime? CompletedUtc,
    RevocationRunStatus Status, Guid? IdentityId, string? IdentityName, bool DisableIdentity, int Executions, IReadOnlyList<RevocationStepView> Steps)
{
    public bool IsFinished => Status.IsFinished();
    public int Count(RevocationStepStatus status) => Steps.Count(s => s.Status == status);
    public TimeSpan? Duration => CompletedUtc - RequestedUtc;
}
