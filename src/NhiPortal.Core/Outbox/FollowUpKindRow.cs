namespace NhiPortal.Core.Outbox;

public sealed record FollowUpKindRow(string Type, int Pending, int Failed, int DoneLastHour, DateTime? OldestPendingUtc)
{
    public TimeSpan? LagAt(DateTime nowUtc) => OldestPendingUtc is { } oldest ? nowUtc - oldest : null;
}
