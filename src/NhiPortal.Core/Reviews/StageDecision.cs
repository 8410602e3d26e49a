namespace NhiPortal.Core.Reviews;

/// <summary>An earlier stage's answer for an identity, shown to the next stage's reviewer (null decision: nobody answered).</summary>
public sealed record StageDecision(int Stage, string ReviewerName, ReviewDecision? Decision, string? Justification, string? DecidedBy, DateTime? DecidedUtc);
