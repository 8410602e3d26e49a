using System.Globalization;
using System.Text;
using System.Xml;
using NhiPortal.Core.Import;

namespace NhiPortal.Infrastructure.Import;

/// <summary>
/// One pass over a worksheet's XML: the first row with a value is the header; each later row becomes an import row,
/// refused as soon as a limit is passed, with the row or cell named.
/// </summary>
internal sealed class XlsxSheet(XmlReader reader, List<string> shared, bool[] dateStyles, bool date1904, XlsxReader.TextBudget budget)
{
    private readonly StringBuilder text = new();
    private readonly char[] chunk = new char[XlsxReader.ChunkSize];
    private Dictionary<int, string>? headerByColumn;
    private List<string> headers = [];

    public ImportTable ReadTable(string fileName)
    {
        var rows = new List<ImportRow>();
        var rowNumber = 0;
        while (reader.Read())
        {
            if (reader is not { NodeType: XmlNodeType.Element, LocalName: "row", NamespaceURI: XlsxPackage.MainNamespace })
            {
                continue;
            }
            rowNumber = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : rowNumber + 1;
            var cells = ReadRow(rowNumber);
            if (cells.Count == 0)
            {
                continue;
            }
            if (headerByColumn is null)
            {
                Header(cells);
                continue;
            }
            if (rows.Count == ImportFileReader.MaxRows)
            {
                throw new ImportFileException($"The file has more than {ImportFileReader.MaxRows:N0} rows (row {rowNumber:N0} of the sheet is one too many); " +
                    $"the limit is {ImportFileReader.MaxRows:N0}. Split it into smaller files.");
            }
            rows.Add(ToRow(rowNumber, cells));
        }
        if (headerByColumn is null)
        {
            throw new ImportFileException("The first worksheet is empty.");
        }
        return new ImportTable(fileName, headers, rows);
    }

    private void Header(List<Cell> cells)
    {
        var first = cells.Min(c => c.Column);
        var last = cells.Max(c => c.Column);
        if (last - first + 1 > ImportFileReader.MaxColumns)
        {
            throw new ImportFileException($"The header row has more than {ImportFileReader.MaxColumns:N0} columns; the limit is {ImportFileReader.MaxColumns:N0}.");
        }
        var named = Enumerable.Range(first, last - first + 1).Select(c => cells.FirstOrDefault(x => x.Column == c)?.Text ?? "").ToList();
        headers = ImportFileReader.Headers(named);
        headerByColumn = headers.Select((h, i) => (h, i)).ToDictionary(x => first + x.i, x => x.h);
    }

    private ImportRow ToRow(int rowNumber, List<Cell> cells)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var formulas = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var cell in cells)
        {
            if (!headerByColumn!.TryGetValue(cell.Column, out var header))
            {
                throw new ImportFileException($"Row {rowNumber:N0} has a value in cell {Reference(cell.Column, rowNumber)}, a column with no header. " +
                    "Remove it or give the column a name.");
            }
            map[header] = cell.Text;
            if (cell.Formula)
            {
                formulas.Add(header);
            }
        }
        foreach (var header in headers)
        {
            map.TryAdd(header, "");
        }
        return new ImportRow(rowNumber, map) { FormulaCells = formulas };
    }

    /// <summary>The row's cells that hold something (text, a value or a formula); blank cells are left out.</summary>
    private List<Cell> ReadRow(int rowNumber)
    {
        var cells = new List<Cell>();
        if (reader.IsEmptyElement)
        {
            return cells;
        }
        var depth = reader.Depth;
        var column = 0;
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader is not { NodeType: XmlNodeType.Element, LocalName: "c" })
            {
                continue;
            }
            column = ColumnOf(reader.GetAttribute("r")) ?? column + 1;
            if (column > 16_384)
            {
                throw XlsxPackage.NotReadable(null);
            }
            if (ReadCell(Reference(column, rowNumber), rowNumber) is { } cell && (cell.Formula || !string.IsNullOrWhiteSpace(cell.Text)))
            {
                cells.Add(cell with { Column = column });
                if (cells.Count > ImportFileReader.MaxColumns)
                {
                    throw new ImportFileException($"Row {rowNumber:N0} has values in more than {ImportFileReader.MaxColumns:N0} columns; the limit is {ImportFileReader.MaxColumns:N0}.");
                }
            }
        }
        return cells;
    }

    private Cell? ReadCell(string reference, int rowNumber)
    {
        var type = reader.GetAttribute("t");
        var style = int.TryParse(reader.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        if (reader.IsEmptyElement)
        {
            return null;
        }
        var where = $"Cell {reference} (row {rowNumber:N0})";
        string? value = null, formula = null, inline = null;
        var depth = reader.Depth;
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            text.Clear();
            switch (reader.LocalName)
            {
                case "v":
                    XlsxReader.ReadText(reader, text, chunk, where);
                    value = text.ToString();
                    break;
                case "f":
                    XlsxReader.ReadText(reader, text, chunk, where);
                    formula = text.ToString();
                    break;
                case "is":
                    XlsxReader.ReadRichText(reader, text, chunk, where);
                    inline = text.ToString();
                    break;
            }
        }
        var shown = type switch
        {
            "inlineStr" => inline ?? "",
            "s" when value is not null => SharedString(value, reference),
            "b" => value is null ? "" : value.Trim() == "1" ? "true" : "false",
            "str" or "e" => value ?? "",
            "d" when value is not null => DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
                .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            _ when string.IsNullOrWhiteSpace(value) => inline ?? "",
            _ when style < dateStyles.Length && dateStyles[style] => XlsxReader.Date(value!, date1904),
            _ => XlsxReader.Number(value!),
        };
        if (formula is null)
        {
            budget.Spend(type == "s" ? 0 : shown.Length, "its cells");
        }
        else
        {
            budget.Spend(formula.Length, "its cells");
        }
        // A formula cell shows its formula, as ClosedXML's FormulaA1 did: the planner refuses it either way.
        return new Cell(0, formula ?? shown, formula is not null);
    }

    private string SharedString(string value, string reference) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < shared.Count
            ? shared[index]
            : throw new ImportFileException($"Cell {reference} refers to shared string {value}, which the workbook does not have.");

    private static int? ColumnOf(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }
        var column = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c) || column > 16_384)
            {
                break;
            }
            column = column * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return column == 0 ? null : column;
    }

    private static string Reference(int column, int row)
    {
        var letters = "";
        for (var c = column; c > 0; c = (c - 1) / 26)
        {
            letters = (char)('A' + (c - 1) % 26) + letters;
        }
        return letters + row.ToString(CultureInfo.InvariantCulture);
    }

    private sealed record Cell(int Column, string Text, bool Formula);
}
