namespace NhiPortal.Core.Outbox;

/// <summary>When a failed follow-up is tried again: doubling from 5 seconds, at most 10 minutes apart, 12 tries in all.</summary>
public static class RetrySchedule
{
    public const int MaxAttempts = 12;

    public static TimeSpan After(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(600, 5 * Math.Pow(2, Math.Max(0, attempts - 1))));

    public static bool GivesUp(int attempts) => attempts >= MaxAttempts;
}
