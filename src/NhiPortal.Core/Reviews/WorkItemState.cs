namespace NhiPortal.Core.Reviews;

/// <summary>Open → Done | Dismissed (both final, each with a resolution).</summary>
public enum WorkItemState
{
    Open,
    Done,
    Dismissed,
}
