using System.Globalization;
using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NhiPortal.Core.Reports;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>A data sheet: typed columns and rows read lazily from the database, never all in memory.</summary>
internal sealed record DataSheet(string Name, IReadOnlyList<ReportColumn> Columns, IAsyncEnumerable<object?[]> Rows);

internal sealed record CoverLine(string Label, string Value);

/// <summary>
/// Formatted sheets (cover, summaries, frameworks) come from ClosedXML; large data sheets are streamed into the same
/// package with the Open XML SDK's <see cref="OpenXmlWriter"/> (SAX), because ClosedXML builds every cell in memory.
/// Every data sheet has typed cells, real Excel dates, a frozen header row and a filter; text is always a string cell,
/// never a formula. The cover gets the row counts and the SHA-256 of the data after the data is written.
/// </summary>
internal static class XlsxReportWriter
{
    public static async Task<(IReadOnlyDictionary<string, long> Counts, string Sha256)> WriteAsync(
        Stream output, string title, IReadOnlyList<CoverLine> cover, Action<XLWorkbook>? summaries, IReadOnlyList<DataSheet> sheets, CancellationToken ct)
    {
        int coverRows;
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("Cover");
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
            coverRows = row;
            sheet.Column(1).Width = 34;
            sheet.Column(2).Width = 100;
            summaries?.Invoke(workbook);
            AddFrameworks(workbook);
            workbook.SaveAs(output);
        }

        output.Position = 0;
        using var document = SpreadsheetDocument.Open(output, isEditable: true);
        var workbookPart = document.WorkbookPart!;
        var styles = AddStyles(workbookPart.WorkbookStylesPart!.Stylesheet);
        var sheetsElement = workbookPart.Workbook.Sheets!;
        var nextSheetId = sheetsElement.Elements<Sheet>().Max(s => s.SheetId!.Value) + 1;
        var counts = new Dictionary<string, long>();
        using var checksum = new ReportChecksum();
        var position = 1;
        foreach (var data in sheets)
        {
            var part = workbookPart.AddNewPart<WorksheetPart>();
            counts[data.Name] = await WriteSheetAsync(part, data, styles, checksum, ct);
            // Data sheets follow the cover and come before the summaries, in the order given.
            var sheet = new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = nextSheetId++, Name = data.Name };
            sheetsElement.InsertAt(sheet, position++);
        }
        var sha = checksum.Finish();

        // The cover's last lines can only be written now: what the data sheets hold.
        var coverPart = (WorksheetPart)workbookPart.GetPartById(sheetsElement.Elements<Sheet>().First(s => s.Name == "Cover").Id!);
        var sheetData = coverPart.Worksheet.GetFirstChild<SheetData>()!;
        var index = (uint)coverRows + 1;
        foreach (var (name, count) in counts)
        {
            sheetData.Append(CoverRow(index++, $"Rows in \"{name}\"", count.ToString("N0", CultureInfo.InvariantCulture), styles.Header));
        }
        sheetData.Append(CoverRow(index++, "SHA-256 of the data", sha, styles.Header));
        sheetData.Append(CoverRow(index, "How to check a copy",
            "SHA-256 over the data sheets in order, as UTF-8 lines: sheet name; tab-joined headers; each row's tab-joined values (dates yyyy-MM-ddTHH:mm:ss UTC, true/false, tab/CR/LF escaped).", styles.Header));
        coverPart.Worksheet.Save();
        workbookPart.Workbook.Save();
        return (counts, sha);
    }

    /// <summary>ClosedXML would evaluate a string that starts with "=" as a formula; this writes it as text whatever it starts with.</summary>
    internal static void SafeText(IXLCell cell, string value)
    {
        cell.SetValue(value);
        cell.DataType = XLDataType.Text;
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

    private sealed record StyleIndexes(uint Header, uint DateTime, uint Integer, uint Number);

    private static StyleIndexes AddStyles(Stylesheet stylesheet)
    {
        stylesheet.NumberingFormats ??= new NumberingFormats();
        var formatId = Math.Max(200u, stylesheet.NumberingFormats.Elements<NumberingFormat>().Select(n => n.NumberFormatId!.Value).DefaultIfEmpty(0u).Max() + 1);
        stylesheet.NumberingFormats.Append(new NumberingFormat { NumberFormatId = formatId, FormatCode = "yyyy-mm-dd hh:mm:ss" });
        stylesheet.NumberingFormats.Count = (uint)stylesheet.NumberingFormats.ChildElements.Count;

        var fonts = stylesheet.Fonts!;
        fonts.Append(new Font(new Bold(), new FontSize { Val = 11 }));
        fonts.Count = (uint)fonts.ChildElements.Count;
        var boldFont = fonts.Count.Value - 1;

        var formats = stylesheet.CellFormats!;
        uint Add(CellFormat format)
        {
            formats.Append(format);
            formats.Count = (uint)formats.ChildElements.Count;
            return formats.Count.Value - 1;
        }
        return new StyleIndexes(
            Add(new CellFormat { FontId = boldFont, ApplyFont = true, FillId = 0, BorderId = 0, NumberFormatId = 0 }),
            Add(new CellFormat { NumberFormatId = formatId, ApplyNumberFormat = true, FontId = 0, FillId = 0, BorderId = 0 }),
            Add(new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true, FontId = 0, FillId = 0, BorderId = 0 }),
            Add(new CellFormat { NumberFormatId = 4, ApplyNumberFormat = true, FontId = 0, FillId = 0, BorderId = 0 }));
    }

    private static async Task<long> WriteSheetAsync(WorksheetPart part, DataSheet data, StyleIndexes styles, ReportChecksum checksum, CancellationToken ct)
    {
        var letters = Enumerable.Range(0, data.Columns.Count).Select(ColumnLetters).ToArray();
        checksum.Sheet(data.Name, data.Columns.Select(c => c.Header));
        long rows = 0;
        using (var writer = OpenXmlWriter.Create(part))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetViews());
            writer.WriteStartElement(new SheetView { WorkbookViewId = 0 });
            writer.WriteElement(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteStartElement(new Columns());
            for (var i = 0; i < data.Columns.Count; i++)
            {
                writer.WriteElement(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = data.Columns[i].Width, CustomWidth = true });
            }
            writer.WriteEndElement();
            writer.WriteStartElement(new SheetData());

            writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", null!, "1")]);
            for (var i = 0; i < data.Columns.Count; i++)
            {
                WriteText(writer, letters[i] + "1", data.Columns[i].Header, styles.Header);
            }
            writer.WriteEndElement();

            var rowNumber = 1;
            await foreach (var values in data.Rows.WithCancellation(ct))
            {
                rowNumber++;
                rows++;
                var r = rowNumber.ToString(CultureInfo.InvariantCulture);
                writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", null!, r)]);
                for (var i = 0; i < data.Columns.Count; i++)
                {
                    var value = values[i];
                    // Normalised once, so the cell and the checksum see the same value.
                    if (value is DateTime date)
                    {
                        values[i] = value = ReportChecksum.Truncate(date);
                    }
                    else if (value is string text)
                    {
                        values[i] = value = Clean(text);
                    }
                    WriteCell(writer, letters[i] + r, data.Columns[i].Type, value, styles);
                }
                writer.WriteEndElement();
                checksum.Row(values);
            }
            writer.WriteEndElement(); // sheetData
            writer.WriteElement(new AutoFilter { Reference = $"A1:{letters[^1]}{Math.Max(rowNumber, 1)}" });
            writer.WriteEndElement(); // worksheet
        }
        return rows;
    }

    private static void WriteCell(OpenXmlWriter writer, string reference, ColumnType type, object? value, StyleIndexes styles)
    {
        switch (value)
        {
            case null:
                return;
            case DateTime date:
                WriteNumber(writer, reference, date.ToOADate().ToString("R", CultureInfo.InvariantCulture), styles.DateTime);
                return;
            case bool flag:
                writer.WriteStartElement(new Cell(), [new OpenXmlAttribute("r", null!, reference), new OpenXmlAttribute("t", null!, "b")]);
                writer.WriteElement(new CellValue(flag ? "1" : "0"));
                writer.WriteEndElement();
                return;
            case int or long when type is ColumnType.Integer or ColumnType.Number:
                WriteNumber(writer, reference, Convert.ToString(value, CultureInfo.InvariantCulture)!, styles.Integer);
                return;
            case double number when type is ColumnType.Number:
                WriteNumber(writer, reference, number.ToString("R", CultureInfo.InvariantCulture), styles.Number);
                return;
            default:
                // Everything else is text: an inline string is never evaluated, whatever it starts with.
                WriteText(writer, reference, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", null);
                return;
        }
    }

    private static void WriteNumber(OpenXmlWriter writer, string reference, string text, uint style)
    {
        writer.WriteStartElement(new Cell(), [new OpenXmlAttribute("r", null!, reference), new OpenXmlAttribute("s", null!, style.ToString(CultureInfo.InvariantCulture))]);
        writer.WriteElement(new CellValue(text));
        writer.WriteEndElement();
    }

    private static void WriteText(OpenXmlWriter writer, string reference, string text, uint? style)
    {
        List<OpenXmlAttribute> attributes = [new("r", null!, reference), new("t", null!, "inlineStr")];
        if (style is { } s)
        {
            attributes.Add(new OpenXmlAttribute("s", null!, s.ToString(CultureInfo.InvariantCulture)));
        }
        writer.WriteStartElement(new Cell(), attributes);
        writer.WriteStartElement(new InlineString());
        writer.WriteElement(new Text(Clean(text)) { Space = SpaceProcessingModeValues.Preserve });
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static Row CoverRow(uint index, string label, string value, uint headerStyle) => new(
        new Cell { CellReference = $"A{index}", DataType = CellValues.InlineString, StyleIndex = headerStyle, InlineString = new InlineString(new Text(label)) },
        new Cell { CellReference = $"B{index}", DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Clean(value))) })
    { RowIndex = index };

    // XML 1.0 cannot carry most control characters; a database value may.
    internal static string Clean(string text) => text.Any(ch => ch < 0x20 && ch is not '\t' and not '\n' and not '\r')
        ? new string(text.Where(ch => ch >= 0x20 || ch is '\t' or '\n' or '\r').ToArray())
        : text.Length > 32_767 ? text[..32_767] : text;

    internal static string ColumnLetters(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + (n - 1) % 26) + letters;
        }
        return letters;
    }
}
