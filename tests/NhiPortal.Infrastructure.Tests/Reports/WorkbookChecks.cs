using ClosedXML.Excel;
using NhiPortal.Core.Reports;

namespace NhiPortal.Infrastructure.Tests.Reports;

/// <summary>What an auditor does with a workbook: read the cover, and recompute the data's SHA-256 from the cells as the cover says.</summary>
internal static class WorkbookChecks
{
    public static string Recompute(XLWorkbook workbook, params string[] dataSheets)
    {
        using var checksum = new ReportChecksum();
        foreach (var name in dataSheets)
        {
            var sheet = workbook.Worksheet(name);
            var width = sheet.Row(1).LastCellUsed().Address.ColumnNumber;
            checksum.Sheet(name, Enumerable.Range(1, width).Select(c => sheet.Cell(1, c).GetString()));
            foreach (var row in sheet.RowsUsed().Skip(1))
            {
                checksum.Row(Enumerable.Range(1, width).Select(c => row.Cell(c)).Select(cell => cell.IsEmpty() ? null : cell.DataType switch
                {
                    XLDataType.DateTime => (object)cell.GetDateTime(),
                    XLDataType.Number => cell.GetDouble(),
                    XLDataType.Boolean => cell.GetBoolean(),
                    _ => cell.GetString(),
                }).ToArray());
            }
        }
        return checksum.Finish();
    }

    public static string Cover(XLWorkbook workbook, string label) =>
        workbook.Worksheet("Cover").RowsUsed().Single(r => r.Cell(1).GetString() == label).Cell(2).GetString();
}
