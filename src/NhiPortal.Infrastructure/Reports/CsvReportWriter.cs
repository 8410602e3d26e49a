using System.Text;
using NhiPortal.Core.Reports;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>Flat tables as CSV (UTF-8 with BOM, RFC 4180 quoting); text a spreadsheet would evaluate gets a leading apostrophe.</summary>
internal static class CsvReportWriter
{
    public static async Task<(IReadOnlyDictionary<string, long> Counts, string Sha256)> WriteAsync(Stream output, DataSheet sheet, ReportProgress progress, CancellationToken ct)
    {
        using var checksum = new ReportChecksum();
        checksum.Sheet(sheet.Name, sheet.Columns.Select(c => c.Header));
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(',', sheet.Columns.Select(c => Quote(c.Header))));
        long rows = 0;
        await foreach (var values in RowPrefetch.AheadAsync(sheet.Rows, ct))
        {
            checksum.Row(values);
            await writer.WriteLineAsync(string.Join(',', values.Select(v => v is string s ? Quote(FormulaGuard.ForCsv(s)) : Quote(ReportChecksum.Canonical(v)))));
            rows++;
            await progress.RowAsync(ct);
        }
        await writer.FlushAsync(ct);
        return (new Dictionary<string, long> { [sheet.Name] = rows }, checksum.Finish());
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
