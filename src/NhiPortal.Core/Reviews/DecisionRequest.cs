namespace NhiPortal.Core.Reviews;

public sealed record DecisionRequest(long ItemId, int Version, ReviewDecision Decision, string? Justification, Guid? NewOwnerId = null);
