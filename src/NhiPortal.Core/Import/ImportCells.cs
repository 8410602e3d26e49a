using System.Globalization;

namespace NhiPortal.Core.Import;

/// <summary>Reading one cell of an import row as a value of its column's type, each problem added to the row's errors.</summary>
internal static class ImportCells
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd",
    ];

    public static void CheckCells(ImportRow row, ImportRowErrors errors)
    {
        foreach (var column in row.FormulaCells)
        {
            errors.Add(column, "The cell holds a formula; enter the value itself.");
        }
        foreach (var (column, value) in row.Cells)
        {
            if (row.FormulaCells.Contains(column) || string.IsNullOrEmpty(value))
            {
                continue;
            }
            if (SecretDetector.LooksLikeSecret(value))
            {
                errors.Add(column, "The value looks like a secret (a key, token or password). Import its fingerprint and metadata only.");
            }
            else if (value[0] is '=' or '+' or '@' || (value[0] == '-' && value.Length > 1 && !char.IsDigit(value[1])))
            {
                // A leading formula character would run as a formula when an export is opened in a spreadsheet.
                errors.Add(column, "The value starts with a formula character (= + - @).");
            }
        }
    }

    public static string? Required(ImportRow row, string column, ImportRowErrors errors)
    {
        var value = row[column];
        if (value is null)
        {
            errors.Add(column, $"{column} is required.");
        }
        return value;
    }

    public static TEnum? RequiredEnum<TEnum>(ImportRow row, string column, ImportRowErrors errors) where TEnum : struct, Enum
    {
        var value = Required(row, column, errors);
        return value is null ? null : ParseEnum<TEnum>(value, column, errors);
    }

    public static TEnum OptionalEnum<TEnum>(ImportRow row, string column, ImportRowErrors errors, TEnum fallback) where TEnum : struct, Enum =>
        row[column] is { } value ? ParseEnum<TEnum>(value, column, errors) ?? fallback : fallback;

    public static TEnum? ParseEnum<TEnum>(string value, string column, ImportRowErrors errors) where TEnum : struct, Enum
    {
        var normalised = value.Replace(" ", "", StringComparison.Ordinal).Replace("/", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (Enum.TryParse<TEnum>(normalised, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(normalised, out _))
        {
            return parsed;
        }
        errors.Add(column, $"'{value}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        return null;
    }

    public static bool Bool(ImportRow row, string column, ImportRowErrors errors)
    {
        switch (row[column]?.ToUpperInvariant())
        {
            case null or "FALSE" or "NO" or "0" or "N":
                return false;
            case "TRUE" or "YES" or "1" or "Y":
                return true;
            default:
                errors.Add(column, $"'{row[column]}' is not true or false.");
                return false;
        }
    }

    public static DateTime? Date(ImportRow row, string column, ImportRowErrors errors)
    {
        if (row[column] is not { } text)
        {
            return null;
        }
        if (DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed.UtcDateTime;
        }
        errors.Add(column, $"'{text}' is not a date; use ISO 8601 such as 2026-11-23 or 2026-11-23T08:15:00Z.");
        return null;
    }

    public static bool Invalid(ImportRowErrors errors, string column, string reason)
    {
        errors.Add(column, reason);
        return false;
    }
}
