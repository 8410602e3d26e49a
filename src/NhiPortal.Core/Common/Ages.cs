using System.Globalization;

namespace NhiPortal.Core.Common;

/// <summary>How long ago (or until) a moment, in the one short form every page uses.</summary>
public static class Ages
{
    public static string Describe(DateTime? utc, DateTime nowUtc, string never = "never")
    {
        if (utc is null)
        {
            return never;
        }
        var delta = nowUtc - utc.Value;
        var future = delta < TimeSpan.Zero;
        var span = future ? -delta : delta;
        var text = span.TotalMinutes < 1 ? "just now"
            : span.TotalHours < 1 ? $"{(int)span.TotalMinutes} min"
            : span.TotalDays < 1 ? $"{(int)span.TotalHours} h"
            : span.TotalDays < 365 ? $"{(int)span.TotalDays} d"
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays / 365.25:0.#} y");
        return text == "just now" ? text : future ? $"in {text}" : $"{text} ago";
    }

    public static int? DaysSince(DateTime? utc, DateTime nowUtc) => utc is null ? null : (int)Math.Floor((nowUtc - utc.Value).TotalDays);
}
