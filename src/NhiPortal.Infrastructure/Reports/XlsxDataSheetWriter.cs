using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using NhiPortal.Core.Reports;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>
/// A data sheet streamed row by row with the Open XML SDK's <see cref="OpenXmlWriter"/> (SAX): typed cells, real
/// Excel dates, a frozen header row and a filter; text is always an inline string, never a formula.
/// </summary>
internal static class XlsxDataSheetWriter
{
    /// <summary>The cell formats the data sheets (and the cover's last lines) use, added to the workbook's stylesheet.</summary>
    public sealed record Styles(uint Header, uint DateTime, uint Integer, uint Number);

    public static Styles AddStyles(Stylesheet stylesheet)
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
        return new Styles(
            Add(new CellFormat { FontId = boldFont, ApplyFont = true, FillId = 0, BorderId = 0, NumberFormatId = 0 }),
            Add(new CellFormat { NumberFormatId = formatId, ApplyNumberFormat = true, FontId = 0, FillId = 0, BorderId = 0 }),
            Add(new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true, FontId = 0, FillId = 0, BorderId = 0 }),
            Add(new CellFormat { NumberFormatId = 4, ApplyNumberFormat = true, FontId = 0, FillId = 0, BorderId = 0 }));
    }

    /// <summary>
    /// Writes one worksheet of at most <paramref name="limit"/> rows from <paramref name="rows"/>, whose current row is
    /// written first when <paramref name="startsWithCurrent"/> (the row that did not fit on the sheet before).
    /// </summary>
    public static async Task<long> WriteAsync(Stream part, string name, IReadOnlyList<ReportColumn> columns, IAsyncEnumerator<object?[]> rows, bool startsWithCurrent,
        long limit, Styles styles, ReportChecksum checksum, ReportProgress progress, CancellationToken ct)
    {
        var letters = Enumerable.Range(0, columns.Count).Select(ColumnLetters).ToArray();
        checksum.Sheet(name, columns.Select(c => c.Header));
        var attributes = new CellAttributes(styles);
        var types = columns.Select(c => c.Type).ToArray();
        long written = 0;
        using (var writer = OpenXmlWriter.Create(part))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetViews());
            writer.WriteStartElement(new SheetView { WorkbookViewId = 0 });
            writer.WriteElement(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteStartElement(new Columns());
            for (var i = 0; i < columns.Count; i++)
            {
                writer.WriteElement(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = columns[i].Width, CustomWidth = true });
            }
            writer.WriteEndElement();
            writer.WriteStartElement(new SheetData());

            writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", null!, "1")]);
            for (var i = 0; i < columns.Count; i++)
            {
                WriteText(writer, columns[i].Header, attributes.Header);
            }
            writer.WriteEndElement();

            var rowNumber = 1;
            var row = new Row();
            var rowAttribute = new OpenXmlAttribute[1];
            var current = startsWithCurrent;
            while (written < limit && (current || await rows.MoveNextAsync()))
            {
                current = false;
                var values = rows.Current;
                rowNumber++;
                written++;
                rowAttribute[0] = new OpenXmlAttribute("r", null!, rowNumber.ToString(CultureInfo.InvariantCulture));
                // Normalised already by the prefetch (RowPrefetch), as the checksum needs them.
                writer.WriteStartElement(row, rowAttribute);
                for (var i = 0; i < types.Length; i++)
                {
                    // Cells carry no reference: each follows the one before (an empty cell keeps the place of a null).
                    WriteCell(writer, types[i], values[i], attributes);
                }
                writer.WriteEndElement();
                checksum.Row(values);
                await progress.RowAsync(ct);
            }
            writer.WriteEndElement(); // sheetData
            writer.WriteElement(new AutoFilter { Reference = $"A1:{letters[^1]}{Math.Max(rowNumber, 1)}" });
            writer.WriteEndElement(); // worksheet
        }
        return written;
    }

    /// <summary>The attribute sets of each cell kind, built once per sheet rather than once per cell.</summary>
    private sealed class CellAttributes(Styles styles)
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
