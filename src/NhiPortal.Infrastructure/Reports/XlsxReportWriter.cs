using System.Globalization;
using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using System.IO.Packaging;
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
        // The formatted sheets are small: ClosedXML builds them in memory, then they are copied into the streamed package.
        using var head = new MemoryStream();
        using (var formatted = new XLWorkbook())
        {
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
            coverRows = row;
            sheet.Column(1).Width = 34;
            sheet.Column(2).Width = 100;
            summaries?.Invoke(formatted);
            AddFrameworks(formatted);
            formatted.SaveAs(head);
        }

        head.Position = 0;
        using var source = Package.Open(head, FileMode.Open, FileAccess.Read);
        // Write-only: every zip entry streams out as it is written, so a large sheet is never held in memory.
        using var target = Package.Open(output, FileMode.Create, FileAccess.Write);

        var workbookUri = PackUriHelper.ResolvePartUri(new Uri("/", UriKind.Relative),
            source.GetRelationshipsByType(OfficeDocumentRelationship).Single().TargetUri);
        var workbookSource = source.GetPart(workbookUri);
        var workbookRelationships = workbookSource.GetRelationships().ToList();
        var workbook = new Workbook(ReadAll(workbookSource));
        var stylesUri = PackUriHelper.ResolvePartUri(workbookUri, workbookRelationships.Single(r => r.RelationshipType == StylesRelationship).TargetUri);
        var stylesheet = new Stylesheet(ReadAll(source.GetPart(stylesUri)));
        var styles = AddStyles(stylesheet);
        var coverSheet = workbook.Sheets!.Elements<Sheet>().First(s => s.Name == "Cover");
        var coverUri = PackUriHelper.ResolvePartUri(workbookUri, workbookRelationships.Single(r => r.Id == coverSheet.Id).TargetUri);
        var coverWorksheet = new Worksheet(ReadAll(source.GetPart(coverUri)));

        // 1. The data sheets, streamed from the database straight into the package.
        var counts = new Dictionary<string, long>();
        using var checksum = new ReportChecksum();
        var added = new List<(string Name, string RelationshipId, Uri Target)>();
        for (var n = 0; n < sheets.Count; n++)
        {
            var uri = new Uri($"/xl/worksheets/nhi-data{n + 1}.xml", UriKind.Relative);
            var part = target.CreatePart(uri, WorksheetContentType, CompressionOption.Normal);
            await using (var stream = part.GetStream(FileMode.Create, FileAccess.Write))
            {
                counts[sheets[n].Name] = await WriteSheetAsync(stream, sheets[n], styles, checksum, ct);
            }
            added.Add((sheets[n].Name, $"rIdNhiData{n + 1}", new Uri($"worksheets/nhi-data{n + 1}.xml", UriKind.Relative)));
        }
        var sha = checksum.Finish();

        // 2. The cover's last lines can only be written now: what the data sheets hold.
        var sheetData = coverWorksheet.GetFirstChild<SheetData>()!;
        var index = (uint)coverRows + 1;
        foreach (var (name, count) in counts)
        {
            sheetData.Append(CoverRow(index++, $"Rows in \"{name}\"", count.ToString("N0", CultureInfo.InvariantCulture), styles.Header));
        }
        sheetData.Append(CoverRow(index++, "SHA-256 of the data", sha, styles.Header));
        sheetData.Append(CoverRow(index, "How to check a copy",
            "SHA-256 over the data sheets in order, as UTF-8 lines: sheet name; tab-joined headers; each row's tab-joined values (dates yyyy-MM-ddTHH:mm:ss UTC, true/false, tab/CR/LF escaped).", styles.Header));

        // Data sheets follow the cover and come before the summaries, in the order given.
        var nextSheetId = workbook.Sheets.Elements<Sheet>().Max(s => s.SheetId!.Value) + 1;
        for (var n = 0; n < added.Count; n++)
        {
            workbook.Sheets.InsertAt(new Sheet { Id = added[n].RelationshipId, SheetId = nextSheetId++, Name = added[n].Name }, n + 1);
        }
        // ClosedXML's defined names (print areas, filters) refer to sheets by position; keep them pointing at the same sheets.
        foreach (var name in workbook.DefinedNames?.Elements<DefinedName>() ?? [])
        {
            if (name.LocalSheetId is { } local && local.Value >= 1)
            {
                name.LocalSheetId = local.Value + (uint)added.Count;
            }
        }

        // 3. Every part ClosedXML wrote, the three changed ones replaced, then all relationships.
        // A write-only package cannot hand its parts back, so the copies are kept here for their relationships.
        var copies = new Dictionary<Uri, PackagePart>();
        foreach (var part in source.GetParts().Where(p => !PackUriHelper.IsRelationshipPartUri(p.Uri)))
        {
            var copy = copies[part.Uri] = target.CreatePart(part.Uri, part.ContentType, CompressionOption.Normal);
            await using var to = copy.GetStream(FileMode.Create, FileAccess.Write);
            if (part.Uri == workbookUri)
            {
                workbook.Save(to);
            }
            else if (part.Uri == stylesUri)
            {
                stylesheet.Save(to);
            }
            else if (part.Uri == coverUri)
            {
                coverWorksheet.Save(to);
            }
            else
            {
                await using var from = part.GetStream(FileMode.Open, FileAccess.Read);
                await from.CopyToAsync(to, ct);
            }
        }
        foreach (var part in source.GetParts().Where(p => !PackUriHelper.IsRelationshipPartUri(p.Uri)))
        {
            var copy = copies[part.Uri];
            foreach (var relationship in part.GetRelationships())
            {
                copy.CreateRelationship(relationship.TargetUri, relationship.TargetMode, relationship.RelationshipType, relationship.Id);
            }
        }
        var workbookTarget = copies[workbookUri];
        foreach (var (_, id, uri) in added)
        {
            workbookTarget.CreateRelationship(uri, TargetMode.Internal, WorksheetRelationship, id);
        }
        foreach (var relationship in source.GetRelationships())
        {
            target.CreateRelationship(relationship.TargetUri, relationship.TargetMode, relationship.RelationshipType, relationship.Id);
        }
        return (counts, sha);
    }

    private const string OfficeDocumentRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
    private const string StylesRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
    private const string WorksheetRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
    private const string WorksheetContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

    private static string ReadAll(PackagePart part)
    {
        using var reader = new StreamReader(part.GetStream(FileMode.Open, FileAccess.Read));
        var xml = reader.ReadToEnd().TrimStart('\uFEFF');
        // The element constructors take the root element alone, without the XML declaration.
        return xml.StartsWith("<?xml", StringComparison.Ordinal) ? xml[(xml.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart() : xml;
    }

    /// <summary>ClosedXML would evaluate a string that starts with "=" as a formula; this writes it as text whatever it starts with.</summary>
    internal static void SafeText(IXLCell cell, string value)
    {
        cell.SetValue(value);
        cell.DataType = XLDataType.Text;
    }

    /// <summary>A summary sheet of bold labels and typed values (numbers stay numbers, anything else is text).</summary>
    internal static void LabelledValues(IXLWorksheet sheet, IEnumerable<(string Label, object? Value)> lines, double labelWidth, double valueWidth)
    {
        var row = 1;
        foreach (var (label, value) in lines)
        {
            sheet.Cell(row, 1).SetValue(label);
            sheet.Cell(row, 1).Style.Font.SetBold(true);
            switch (value)
            {
                case int n: sheet.Cell(row, 2).SetValue(n); break;
                case double d: sheet.Cell(row, 2).SetValue(d); break;
                default: SafeText(sheet.Cell(row, 2), Convert.ToString(value, CultureInfo.InvariantCulture) ?? "—"); break;
            }
            row++;
        }
        sheet.Column(1).Width = labelWidth;
        sheet.Column(2).Width = valueWidth;
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

    private static async Task<long> WriteSheetAsync(Stream part, DataSheet data, StyleIndexes styles, ReportChecksum checksum, CancellationToken ct)
    {
        var letters = Enumerable.Range(0, data.Columns.Count).Select(ColumnLetters).ToArray();
        checksum.Sheet(data.Name, data.Columns.Select(c => c.Header));
        var attributes = new CellAttributes(styles);
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
                WriteText(writer, data.Columns[i].Header, attributes.Header);
            }
            writer.WriteEndElement();

            var rowNumber = 1;
            var row = new Row();
            var rowAttribute = new OpenXmlAttribute[1];
            await foreach (var values in data.Rows.WithCancellation(ct))
            {
                rowNumber++;
                rows++;
                rowAttribute[0] = new OpenXmlAttribute("r", null!, rowNumber.ToString(CultureInfo.InvariantCulture));
                writer.WriteStartElement(row, rowAttribute);
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
                    // Cells carry no reference: each follows the one before (an empty cell keeps the place of a null).
                    WriteCell(writer, data.Columns[i].Type, value, attributes);
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

    /// <summary>The attribute sets of each cell kind, built once per sheet rather than once per cell.</summary>
    private sealed class CellAttributes(StyleIndexes styles)
    {
        private static string S(uint style) => style.ToString(CultureInfo.InvariantCulture);

        public OpenXmlAttribute[] Header { get; } = [new("t", null!, "inlineStr"), new("s", null!, S(styles.Header))];
        public OpenXmlAttribute[] Text { get; } = [new("t", null!, "inlineStr")];
        public OpenXmlAttribute[] DateTime { get; } = [new("s", null!, S(styles.DateTime))];
        public OpenXmlAttribute[] Integer { get; } = [new("s", null!, S(styles.Integer))];
        public OpenXmlAttribute[] Number { get; } = [new("s", null!, S(styles.Number))];
        public OpenXmlAttribute[] Boolean { get; } = [new("t", null!, "b")];
        public OpenXmlAttribute[] None { get; } = [];
    }

    private static readonly Cell CellElement = new();
    private static readonly CellValue ValueElement = new();
    private static readonly InlineString InlineElement = new();

    private static void WriteCell(OpenXmlWriter writer, ColumnType type, object? value, CellAttributes attributes)
    {
        switch (value)
        {
            case null:
                writer.WriteStartElement(CellElement, attributes.None);
                writer.WriteEndElement();
                return;
            case DateTime date:
                WriteValue(writer, date.ToOADate().ToString("R", CultureInfo.InvariantCulture), attributes.DateTime);
                return;
            case bool flag:
                WriteValue(writer, flag ? "1" : "0", attributes.Boolean);
                return;
            case int or long when type is ColumnType.Integer or ColumnType.Number:
                WriteValue(writer, Convert.ToString(value, CultureInfo.InvariantCulture)!, attributes.Integer);
                return;
            case double number when type is ColumnType.Number:
                WriteValue(writer, number.ToString("R", CultureInfo.InvariantCulture), attributes.Number);
                return;
            default:
                // Everything else is text: an inline string is never evaluated, whatever it starts with.
                WriteText(writer, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", attributes.Text);
                return;
        }
    }

    private static void WriteValue(OpenXmlWriter writer, string text, OpenXmlAttribute[] attributes)
    {
        writer.WriteStartElement(CellElement, attributes);
        writer.WriteStartElement(ValueElement);
        writer.WriteString(text);
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void WriteText(OpenXmlWriter writer, string text, OpenXmlAttribute[] attributes)
    {
        writer.WriteStartElement(CellElement, attributes);
        writer.WriteStartElement(InlineElement);
        writer.WriteElement(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
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
