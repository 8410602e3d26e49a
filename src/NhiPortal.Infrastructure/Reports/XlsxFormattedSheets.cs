using System.Globalization;
using ClosedXML.Excel;
using NhiPortal.Core.Reports;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>
/// The small formatted sheets, built in memory with ClosedXML: the cover's first lines (the package writer adds the
/// row counts and the checksum once the data is written), the summaries and the frameworks sheet.
/// </summary>
internal static class XlsxFormattedSheets
{
    /// <summary>Saves the formatted workbook to <paramref name="package"/>; returns the cover's next free row.</summary>
    public static int Build(Stream package, string title, IReadOnlyList<CoverLine> cover, IReadOnlyList<SummarySheet> summaries)
    {
        using var formatted = new XLWorkbook();
        var sheet = formatted.AddWorksheet("Cover");
        sheet.Cell(1, 1).SetValue(title);
        sheet.Cell(1, 1).Style.Font.SetBold(true).Font.SetFontSize(16);
        var row = 3;
        foreach (var line in cover)
        {
            sheet.Cell(row, 1).SetValue(line.Label);
            sheet.Cell(row, 1).Style.Font.SetBold(true);
            SafeText(sheet.Cell(row, 2), line.Value);
            row++;
        }
        sheet.Column(1).Width = 34;
        sheet.Column(2).Width = 100;
        foreach (var summary in summaries)
        {
            AddSummary(formatted.AddWorksheet(summary.Name), summary);
        }
        AddFrameworks(formatted);
        formatted.SaveAs(package);
        return row;
    }

    /// <summary>ClosedXML would evaluate a string that starts with "=" as a formula; this writes it as text whatever it starts with.</summary>
    internal static void SafeText(IXLCell cell, string value)
    {
        cell.SetValue(value);
        cell.DataType = XLDataType.Text;
    }

    private static void AddSummary(IXLWorksheet sheet, SummarySheet summary)
    {
        for (var r = 0; r < summary.Rows.Count; r++)
        {
            var values = summary.Rows[r];
            for (var c = 0; c < values.Count; c++)
            {
                var cell = sheet.Cell(r + 1, c + 1);
                switch (values[c])
                {
                    case int n: cell.SetValue(n); break;
                    case double d: cell.SetValue(d); break;
                    default: SafeText(cell, Convert.ToString(values[c], CultureInfo.InvariantCulture) ?? "—"); break;
                }
                if (c == 0 && summary.BoldLabels)
                {
                    cell.Style.Font.SetBold(true);
                }
            }
        }
        if (summary.HasHeader)
        {
            sheet.Row(1).Style.Font.SetBold(true);
        }
        if (summary.BoldLastRow)
        {
            sheet.Row(summary.Rows.Count).Style.Font.SetBold(true);
        }
        if (summary.FreezeAndFilter)
        {
            sheet.SheetView.FreezeRows(1);
            sheet.Range(1, 1, Math.Max(1, summary.Rows.Count), summary.Rows[0].Count).SetAutoFilter();
        }
        for (var c = 0; c < summary.ColumnWidths.Count; c++)
        {
            sheet.Column(c + 1).Width = summary.ColumnWidths[c];
        }
    }

    private static void AddFrameworks(XLWorkbook workbook)
    {
        var sheet = workbook.AddWorksheet("Frameworks");
        string[] headers = ["Control", "What the portal does", "Evidence", "OWASP Non-Human Identities Top 10 (2025)", "NIST CSF 2.0", "NIST SP 800-63"];
        for (var c = 0; c < headers.Length; c++)
        {
            sheet.Cell(1, c + 1).SetValue(headers[c]);
        }
        var row = 2;
        foreach (var control in ControlFramework.Controls)
        {
            string[] values = [control.Id, control.Description, control.Evidence, control.OwaspNhi, control.NistCsf, control.Nist80063];
            for (var c = 0; c < values.Length; c++)
            {
                SafeText(sheet.Cell(row, c + 1), values[c]);
            }
            row++;
        }
        var range = sheet.Range(1, 1, row - 1, headers.Length);
        range.SetAutoFilter();
        sheet.Row(1).Style.Font.SetBold(true);
        sheet.SheetView.FreezeRows(1);
        foreach (var (column, width) in new[] { (1, 10), (2, 60), (3, 40), (4, 34), (5, 20), (6, 40) })
        {
            sheet.Column(column).Width = width;
        }
        sheet.Columns(2, 6).Style.Alignment.WrapText = true;
    }
}
