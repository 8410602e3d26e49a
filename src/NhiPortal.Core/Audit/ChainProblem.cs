namespace NhiPortal.Core.Audit;

/// <summary>One break: the stream, the chain position (none for a row that was never sealed), the event, and what happened.</summary>
public sealed record ChainProblem(AuditStream Stream, long? Sequence, long? EventId, string Problem);
