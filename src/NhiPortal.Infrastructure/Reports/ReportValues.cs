using System.Buffers;
using NhiPortal.Core.Reports;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>Row values as every format writes them, so a workbook, a CSV file and the checksum see the same value.</summary>
internal static class ReportValues
{
    public static void Normalise(object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = values[i] switch
            {
                DateTime d => ReportChecksum.Truncate(d),
                string s => Clean(s),
                var v => v,
            };
        }
    }

    // XML 1.0 cannot carry most control characters; a database value may. Searched as a span: this runs for every text cell.
    private static readonly SearchValues<char> Controls =
        SearchValues.Create(Enumerable.Range(0, 0x20).Select(c => (char)c).Where(c => c is not '\t' and not '\n' and not '\r').ToArray());

    public static string Clean(string text) => text.AsSpan().ContainsAny(Controls)
        ? new string(text.Where(ch => ch >= 0x20 || ch is '\t' or '\n' or '\r').ToArray())
        : text.Length > 32_767 ? text[..32_767] : text;
}
