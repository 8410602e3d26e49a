namespace NhiPortal.Core.Reviews;

/// <summary>
/// A follow-up an access review leaves: the access to reduce, or the unanswered NHI to chase, with the person who
/// answers for it (the NHI's owner, or the campaign's fallback when there is none), a due date and a state.
/// </summary>
public sealed class WorkItem
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required Guid CampaignId { get; set; }

    public required long ReviewItemId { get; set; }

    public required Guid IdentityId { get; set; }

    public required string IdentityName { get; set; }

    public required WorkItemKind Kind { get; set; }

    /// <summary>What to do: the reviewer's justification for a reduction, or why the item was left.</summary>
    public required string Description { get; set; }

    public required Guid AssigneeId { get; set; }

    public required DateTime CreatedUtc { get; set; }

    public required DateTime DueUtc { get; set; }

    public WorkItemState State { get; set; } = WorkItemState.Open;

    public DateTime? ClosedUtc { get; set; }

    public string? ClosedBy { get; set; }

    public string? Resolution { get; set; }

    public int Version { get; set; }

    public const int MaxDescription = 2000;

    public void Close(WorkItemState outcome, string resolution, string closedBy, DateTime nowUtc)
    {
        if (State != WorkItemState.Open || outcome == WorkItemState.Open)
        {
            throw new InvalidOperationException($"Work item for {IdentityName} is {State}; only an open one is closed, as done or dismissed.");
        }
        State = outcome;
        Resolution = resolution;
        ClosedBy = closedBy;
        ClosedUtc = nowUtc;
        Version++;
    }
}
