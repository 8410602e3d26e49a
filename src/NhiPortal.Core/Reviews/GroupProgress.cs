namespace NhiPortal.Core.Reviews;

public sealed record GroupProgress(string Name, int Items, int Decided, int Pending, int Escalated)
{
    /// <summary>For a reviewer: how the reviewer rule placed their items ("owner: 30; fallback (skipped Vic Visitor: cannot decide): 2").</summary>
    public string? Placement { get; init; }
}
