namespace NhiPortal.Core.Feed;

/// <summary>
/// When a failing destination is tried again: the shape of <see cref="Outbox.RetrySchedule"/> (doubling, capped) from
/// 1 second, but never giving up: a receiver that is down only delays its feed.
/// </summary>
public static class FeedBackoff
{
    public static TimeSpan After(int consecutiveFailures, TimeSpan max) =>
        TimeSpan.FromSeconds(Math.Min(max.TotalSeconds, Math.Pow(2, Math.Clamp(consecutiveFailures - 1, 0, 30))));
}
