using System.Text;
using ClosedXML.Excel;
using NhiPortal.Core.Import;

namespace NhiPortal.Infrastructure.Import;

/// <summary>The import templates: each kind's columns with one example row (CSV), plus a sheet explaining them (xlsx).</summary>
internal static class ImportTemplateWriter
{
    public static ImportTemplate Write(ImportKind kind, TemplateFormat format)
    {
        var columns = ImportLayout.For(kind);
        var name = kind.ToString().ToLowerInvariant();
        switch (format)
        {
            case TemplateFormat.Csv:
                var csv = new StringBuilder();
                csv.AppendLine(string.Join(",", columns.Select(c => c.Name)));
                csv.AppendLine(string.Join(",", columns.Select(c => Quote(c.Example))));
                return new ImportTemplate($"nhiportal-{name}-template.csv", "text/csv", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray());
            case TemplateFormat.Xlsx:
                using (var workbook = new XLWorkbook())
                {
                    var sheet = workbook.Worksheets.Add(kind.ToString());
                    var help = workbook.Worksheets.Add("Columns");
                    help.Cell(1, 1).Value = "Column";
                    help.Cell(1, 2).Value = "Required";
                    help.Cell(1, 3).Value = "Meaning";
                    for (var i = 0; i < columns.Count; i++)
                    {
                        sheet.Cell(1, i + 1).Value = columns[i].Name;
                        // Examples are text, so a date or number keeps exactly the form shown.
                        sheet.Cell(2, i + 1).SetValue(columns[i].Example);
                        sheet.Column(i + 1).Width = Math.Clamp(columns[i].Example.Length + 2, columns[i].Name.Length + 4, 60);
                        help.Cell(i + 2, 1).Value = columns[i].Name;
                        help.Cell(i + 2, 2).Value = columns[i].Required ? "yes" : "no";
                        help.Cell(i + 2, 3).Value = columns[i].Meaning;
                    }
                    sheet.Row(1).Style.Font.Bold = true;
                    help.Row(1).Style.Font.Bold = true;
                    help.Column(1).Width = 22;
                    help.Column(3).Width = 100;
                    using var output = new MemoryStream();
                    workbook.SaveAs(output);
                    return new ImportTemplate($"nhiportal-{name}-template.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", output.ToArray());
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(format));
        }
    }

    private static string Quote(string value) => value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
        ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
