using System.Globalization;

namespace NhiPortal.Core.Discovery.Ldap;

/// <summary>The two time encodings directories use: generalized time (RFC 4517) and Active Directory's FILETIME integers.</summary>
public static class LdapTime
{
    /// <summary>AD writes 0 and 0x7FFFFFFFFFFFFFFF for "never" (accountExpires, pwdLastSet before a first set).</summary>
    private const long FileTimeNever = long.MaxValue;

    /// <summary>
    /// Parses <c>yyyyMMddHH[mm[ss]][.f+|,f+](Z|±hh[mm])</c> to UTC. False for anything else, including year 0000
    /// (OpenLDAP's "locked for ever" marker is a valid LDAP time but no date).
    /// </summary>
    public static bool TryParseGeneralized(string? text, out DateTime utc)
    {
        utc = default;
        var value = text?.Trim() ?? "";
        if (value.Length < 11)
        {
            return false;
        }
        var zoneAt = value.IndexOfAny(['Z', 'z', '+', '-'], 10);
        if (zoneAt < 0)
        {
            return false;
        }
        var local = value[..zoneAt];
        var zone = value[zoneAt..];
        var fraction = 0.0;
        var dot = local.IndexOfAny(['.', ',']);
        if (dot >= 0)
        {
            var digits = local[(dot + 1)..];
            if (digits.Length == 0 || !digits.All(char.IsAsciiDigit) || !double.TryParse("0." + digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out fraction))
            {
                return false;
            }
            local = local[..dot];
        }
        string[] formats = ["yyyyMMddHH", "yyyyMMddHHmm", "yyyyMMddHHmmss"];
        var format = local.Length switch { 10 => formats[0], 12 => formats[1], 14 => formats[2], _ => null };
        if (format is null || !local.All(char.IsAsciiDigit)
            || !DateTime.TryParseExact(local, format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }
        // A fraction applies to the last unit given (RFC 4517): hours, minutes or seconds.
        var unit = local.Length switch { 10 => TimeSpan.FromHours(1), 12 => TimeSpan.FromMinutes(1), _ => TimeSpan.FromSeconds(1) };
        parsed = parsed.AddTicks((long)Math.Round(unit.Ticks * fraction));
        if (zone is "Z" or "z")
        {
            utc = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
            return true;
        }
        var offsetDigits = zone[1..];
        if (offsetDigits.Length is not (2 or 4) || !offsetDigits.All(char.IsAsciiDigit))
        {
            return false;
        }
        var offset = new TimeSpan(int.Parse(offsetDigits[..2], CultureInfo.InvariantCulture), offsetDigits.Length == 4 ? int.Parse(offsetDigits[2..], CultureInfo.InvariantCulture) : 0, 0);
        utc = DateTime.SpecifyKind(zone[0] == '+' ? parsed - offset : parsed + offset, DateTimeKind.Utc);
        return true;
    }

    /// <summary>
    /// Parses a FILETIME (100 ns since 1601-01-01 UTC). True with null for "never" (0 or 0x7FFFFFFFFFFFFFFF);
    /// false for text that is no such number.
    /// </summary>
    public static bool TryParseFileTime(string? text, out DateTime? utc)
    {
        utc = null;
        if (!long.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            return false;
        }
        if (ticks is 0 or FileTimeNever)
        {
            return true;
        }
        if (ticks > DateTime.MaxValue.ToFileTimeUtc())
        {
            return false;
        }
        utc = DateTime.FromFileTimeUtc(ticks);
        return true;
    }

    /// <summary>The generalized time form the portal writes (e.g. into a fingerprint's version marker): UTC to the 100 ns.</summary>
    public static string Format(DateTime utc) => utc.ToUniversalTime().ToString("yyyyMMddHHmmss.fffffff'Z'", CultureInfo.InvariantCulture);
}
