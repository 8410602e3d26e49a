namespace NhiPortal.Core.Reviews;

/// <summary>Closing a review follow-up: by the person it is assigned to, or by someone who runs campaigns.</summary>
public interface IWorkItemCommands
{
    Task CloseAsync(Guid workItemId, int version, WorkItemState outcome, string resolution, CancellationToken ct = default);
}
