using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using NhiPortal.Core.Import;

namespace NhiPortal.Infrastructure.Import;

/// <summary>Reads CSV (UTF-8 or UTF-16 with BOM, comma or semicolon) and .xlsx into rows; refuses anything else with a clear reason.</summary>
public static class ImportFileReader
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxRows = 100_000;

    public static ImportTable Read(string fileName, byte[] content)
    {
        if (content.Length == 0)
        {
            throw new ImportFileException("The file is empty.");
        }
        if (content.Length > MaxBytes)
        {
            throw new ImportFileException($"The file is {content.Length / 1024.0 / 1024.0:N1} MB; the limit is {MaxBytes / 1024 / 1024} MB. Split it into smaller files.");
        }
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var table = extension switch
        {
            ".csv" => ReadCsv(fileName, content),
            ".xlsx" => ReadXlsx(fileName, content),
            _ => throw new ImportFileException($"'{Path.GetFileName(fileName)}' is not a .csv or .xlsx file."),
        };
        if (table.Rows.Count > MaxRows)
        {
            throw new ImportFileException($"The file has {table.Rows.Count:N0} rows; the limit is {MaxRows:N0}. Split it into smaller files.");
        }
        return table;
    }

    private static ImportTable ReadCsv(string fileName, byte[] content)
    {
        var text = Decode(content);
        var records = ParseCsv(text, Delimiter(text));
        if (records.Count == 0 || records[0].All(string.IsNullOrWhiteSpace))
        {
            throw new ImportFileException("The file has no header row.");
        }
        var headers = Headers(records[0]);
        var rows = new List<ImportRow>();
        for (var r = 1; r < records.Count; r++)
        {
            var cells = records[r];
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var c = 0; c < headers.Count && c < cells.Count; c++)
            {
                map[headers[c]] = cells[c];
            }
            rows.Add(new ImportRow(r + 1, map));
        }
        return new ImportTable(fileName, headers, rows);
    }

    private static string Decode(byte[] content)
    {
        if (content.AsSpan().StartsWith(new byte[] { 0xFF, 0xFE }) || content.AsSpan().StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            using var reader = new StreamReader(new MemoryStream(content), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        if (content.AsSpan().IndexOf((byte)0) >= 0)
        {
            throw new ImportFileException("The file is binary, not CSV text. Upload a .csv saved as UTF-8, or an .xlsx workbook.");
        }
        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            throw new ImportFileException("The file is not UTF-8 text. In Excel, save it as \"CSV UTF-8 (Comma delimited)\".");
        }
    }

    // Spreadsheets in many locales save CSV with semicolons; the header line tells which one this is.
    private static char Delimiter(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        return header.Count(c => c == ';') > header.Count(c => c == ',') ? ';' : ',';
    }

    /// <summary>RFC 4180: quoted fields may hold delimiters, doubled quotes and line breaks.</summary>
    internal static List<List<string>> ParseCsv(string text, char delimiter)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                inQuotes = true;
            }
            else if (c == delimiter)
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
            }
            else
            {
                field.Append(c);
            }
        }
        if (inQuotes)
        {
            throw new ImportFileException("A quoted value is never closed: check for a stray double quote.");
        }
        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }
        return records;
    }

    private static ImportTable ReadXlsx(string fileName, byte[] content)
    {
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(new MemoryStream(content));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ImportFileException("The file is not a readable .xlsx workbook.");
        }
        using (workbook)
        {
            var sheet = workbook.Worksheets.FirstOrDefault() ?? throw new ImportFileException("The workbook has no worksheet.");
            var used = sheet.RangeUsed() ?? throw new ImportFileException("The first worksheet is empty.");
            var firstRow = used.FirstRow().RowNumber();
            var firstColumn = used.FirstColumn().ColumnNumber();
            var lastColumn = used.LastColumn().ColumnNumber();
            var headers = Headers(Enumerable.Range(firstColumn, lastColumn - firstColumn + 1)
                .Select(c => CellText(sheet.Cell(firstRow, c))).ToList());
            var rows = new List<ImportRow>();
            for (var r = firstRow + 1; r <= used.LastRow().RowNumber(); r++)
            {
                var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                var formulas = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                for (var c = 0; c < headers.Count; c++)
                {
                    var cell = sheet.Cell(r, firstColumn + c);
                    if (cell.HasFormula)
                    {
                        formulas.Add(headers[c]);
                        map[headers[c]] = cell.FormulaA1;
                    }
                    else
                    {
                        map[headers[c]] = CellText(cell);
                    }
                }
                if (map.Values.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                rows.Add(new ImportRow(r, map) { FormulaCells = formulas });
            }
            return new ImportTable(fileName, headers, rows);
        }
    }

    private static string CellText(IXLCell cell) => cell.Value switch
    {
        DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        double n => n.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        var v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };

    private static List<string> Headers(IReadOnlyList<string> cells)
    {
        var headers = cells.Select(h => h.Trim()).ToList();
        while (headers.Count > 0 && headers[^1].Length == 0)
        {
            headers.RemoveAt(headers.Count - 1);
        }
        for (var i = 0; i < headers.Count; i++)
        {
            if (headers[i].Length == 0)
            {
                throw new ImportFileException($"Column {i + 1} of the header row has no name.");
            }
        }
        var duplicate = headers.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ImportFileException($"The header row names the column '{duplicate.Key}' more than once.");
        }
        return headers;
    }
}
