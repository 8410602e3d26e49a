using System.Globalization;

namespace NhiPortal.Core.Usage;

/// <summary>The 168-slot week (Monday 00:00 UTC first) that a baseline counts hours of use in, and its text form.</summary>
public static class HourOfWeek
{
    public const int Slots = 168;

    public static int SlotOf(DateTime utc) => ((int)utc.DayOfWeek + 6) % 7 * 24 + utc.Hour;

    public static int[] Parse(string? text)
    {
        var slots = new int[Slots];
        if (string.IsNullOrEmpty(text))
        {
            return slots;
        }
        var span = text.AsSpan();
        var i = 0;
        foreach (var range in span.Split(','))
        {
            if (i == Slots)
            {
                break;
            }
            slots[i++] = int.TryParse(span[range], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        }
        return slots;
    }

    public static string Format(int[] slots) => string.Join(',', slots);

    /// <summary>"Tuesday 03:00-04:00 UTC", for explanations.</summary>
    public static string Describe(int slot) =>
        string.Create(CultureInfo.InvariantCulture, $"{(DayOfWeek)((slot / 24 + 1) % 7)} {slot % 24:00}:00-{(slot % 24 + 1) % 24:00}:00 UTC");
}
