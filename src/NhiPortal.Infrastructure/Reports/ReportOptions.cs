using Microsoft.Extensions.Configuration;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>
/// Settings of the <c>Reports</c> section: how many rows a worksheet holds, above how many rows a report must be
/// prepared by the export job, where prepared files go (never under wwwroot) and how long they are kept.
/// </summary>
public sealed record ReportOptions
{
    /// <summary>Data rows per worksheet before the sheet continues on "Name (2)"; Excel's own limit unless a test asks for less.</summary>
    public int MaxRowsPerSheet { get; init; } = SheetSplit.ExcelDataRows;

    /// <summary>A report counted above this many data rows is refused as a direct download and prepared instead.</summary>
    public long ImmediateRowLimit { get; init; } = 100_000;

    public string ExportDirectory { get; init; } = Path.Combine("App_Data", "exports");

    public int ProgressEveryRows { get; init; } = 10_000;

    public TimeSpan KeepFor { get; init; } = TimeSpan.FromHours(24);

    public TimeSpan Poll { get; init; } = TimeSpan.FromSeconds(2);

    public static ReportOptions Load(IConfiguration config, string contentRoot)
    {
        var defaults = new ReportOptions();
        var section = config.GetSection("Reports");
        var directory = section["ExportDirectory"] is { Length: > 0 } configured ? configured : defaults.ExportDirectory;
        return new ReportOptions
        {
            MaxRowsPerSheet = Math.Clamp(section.GetValue("MaxRowsPerSheet", defaults.MaxRowsPerSheet), 1, SheetSplit.ExcelDataRows),
            ImmediateRowLimit = Math.Max(0, section.GetValue("ImmediateRowLimit", defaults.ImmediateRowLimit)),
            ExportDirectory = Path.GetFullPath(directory, contentRoot),
            ProgressEveryRows = Math.Max(100, section.GetValue("ProgressEveryRows", defaults.ProgressEveryRows)),
            KeepFor = TimeSpan.FromHours(Math.Max(1, section.GetValue("KeepHours", defaults.KeepFor.TotalHours))),
            Poll = TimeSpan.FromMilliseconds(Math.Max(100, section.GetValue("PollMilliseconds", defaults.Poll.TotalMilliseconds))),
        };
    }
}
