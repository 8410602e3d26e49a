namespace NhiPortal.Core.Reviews;

/// <summary>The caller's open queue in figures: how many wait, how many were escalated to them, the nearest deadline.</summary>
public sealed record ReviewQueueSummary(int Waiting, int Escalated, DateTime? NearestDeadlineUtc);
