namespace NhiPortal.Core.Outbox;

public sealed record FollowUpRow(
    long Sequence, string Type, DateTime OccurredUtc, string Actor, string? OnBehalfOf, string SubjectType, string? SubjectId, int Attempts,
    DateTime NextAttemptUtc, string? LastError, OutboxState State);
