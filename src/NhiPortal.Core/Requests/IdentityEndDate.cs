namespace NhiPortal.Core.Requests;

/// <summary>
/// An NHI's planned end: set when it is requested, moved by its owner or an operator. Before it the owner is reminded
/// (30, 7 and 1 days ahead); on it the identity is decommissioned unless its end was moved. An end is at most
/// <see cref="MaxAheadDays"/> ahead, so every requested identity is looked at again within two years.
/// </summary>
public static class IdentityEndDate
{
    public const int MaxAheadDays = 730;

    /// <summary>The warning window of the reminders (the stages of <see cref="Notifications.ExpiryReminders"/> within it).</summary>
    public const int ReminderWindowDays = 30;

    /// <summary>An end date is the end of that UTC day.</summary>
    public static DateTime EndOf(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddDays(1);

    public static DateOnly DayOf(DateTime endsUtc) => DateOnly.FromDateTime(endsUtc.AddTicks(-1));

    /// <summary>Why the date cannot be a planned end now, or null.</summary>
    public static string? Problem(DateOnly day, DateTime nowUtc)
    {
        var today = DateOnly.FromDateTime(nowUtc);
        if (day < today)
        {
            return "The end date has passed: choose today or a later day.";
        }
        return day > today.AddDays(MaxAheadDays)
            ? $"The end date is at most {MaxAheadDays} days ahead ({today.AddDays(MaxAheadDays):yyyy-MM-dd}): move it later, when the time comes."
            : null;
    }

    public static string ReminderKey(Guid identityId, DateTime endsUtc, int stage) => $"ends:{identityId:N}:{endsUtc:yyyyMMdd}:{stage}";
}
