namespace NhiPortal.Infrastructure.Reports;

/// <summary>
/// How a data sheet longer than a worksheet can hold continues: "Credentials", "Credentials (2)", "Credentials (3)", …,
/// each with the same header and at most <see cref="ExcelDataRows"/> data rows (Excel opens 1,048,576 rows per sheet).
/// </summary>
internal static class SheetSplit
{
    public const int ExcelDataRows = 1_048_575;

    // Excel refuses a sheet name over 31 characters.
    private const int MaxSheetName = 31;

    public static string PartName(string name, int part)
    {
        if (part <= 1)
        {
            return name.Length <= MaxSheetName ? name : name[..MaxSheetName];
        }
        var suffix = $" ({part})";
        return (name.Length + suffix.Length <= MaxSheetName ? name : name[..(MaxSheetName - suffix.Length)]) + suffix;
    }

    /// <summary>The sheets a data sheet of <paramref name="rows"/> rows is written as, with their row counts (always at least one sheet).</summary>
    public static IReadOnlyList<(string Name, long Rows)> Plan(string name, long rows, int rowsPerSheet)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerSheet, 1);
        var parts = new List<(string, long)>();
        var part = 1;
        do
        {
            parts.Add((PartName(name, part), Math.Min(rows, rowsPerSheet)));
            rows -= rowsPerSheet;
            part++;
        }
        while (rows > 0);
        return parts;
    }
}
