namespace NhiPortal.Core.Notifications;

/// <summary>
/// When an owner hears that a credential is about to expire: at fixed distances before expiry (30, 7 and 1 days),
/// limited to the policy's warning window. Each stage is one reminder; the nearest stage due wins, so an owner
/// who joins late gets one reminder, not three at once.
/// </summary>
public static class ExpiryReminders
{
    public static readonly IReadOnlyList<int> StageDays = [30, 7, 1];

    /// <summary>The stage (days before expiry) due now, or null when none is (not yet in the window, or expired).</summary>
    public static int? StageDue(DateTime expiresUtc, DateTime nowUtc, int warningWindowDays)
    {
        if (expiresUtc <= nowUtc)
        {
            return null;
        }
        var left = expiresUtc - nowUtc;
        int? due = null;
        foreach (var stage in StageDays.Where(s => s <= warningWindowDays).Order())
        {
            if (left <= TimeSpan.FromDays(stage))
            {
                due = stage;
                break;
            }
        }
        return due;
    }

    /// <summary>One reminder per credential, expiry date and stage: a renewed credential (new expiry) is reminded again.</summary>
    public static string DedupKey(Guid credentialId, DateTime expiresUtc, int stage) =>
        $"expiry:{credentialId:N}:{expiresUtc:yyyyMMddHHmm}:{stage}";

    public static string Describe(TimeSpan left) => left.TotalDays >= 1
        ? $"{(int)Math.Floor(left.TotalDays)} day{((int)Math.Floor(left.TotalDays) == 1 ? "" : "s")}"
        : $"{Math.Max(1, (int)Math.Ceiling(left.TotalHours))} hour{(Math.Ceiling(left.TotalHours) <= 1 ? "" : "s")}";
}
