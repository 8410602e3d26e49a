using System.Text;
using NhiPortal.Core.Import;

namespace NhiPortal.Infrastructure.Import;

/// <summary>
/// Reads CSV (UTF-8 or UTF-16 with BOM, comma or semicolon) and .xlsx into rows; refuses anything else with a clear
/// reason. Both stop at the first limit passed (rows, cell length, unpacked size) instead of reading the file whole.
/// </summary>
public static class ImportFileReader
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxRows = 100_000;

    /// <summary>Excel's own limit for one cell.</summary>
    public const int MaxCellCharacters = 32_767;

    /// <summary>All the text of a workbook together: about what a CSV at the size limit can hold.</summary>
    public const int MaxTextCharacters = 10_000_000;

    public const int MaxColumns = 200;

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
            ".xlsx" => XlsxReader.Read(fileName, content),
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
        List<string>? headers = null;
        var rows = new List<ImportRow>();
        foreach (var (index, cells) in CsvRecords(text, Delimiter(text), (record, field) => headers is null ? $"Column {field}" : field <= headers.Count ? headers[field - 1] : $"field {field}"))
        {
            if (headers is null)
            {
                if (cells.All(string.IsNullOrWhiteSpace))
                {
                    break;
                }
                if (cells.Count > MaxColumns)
                {
                    throw new ImportFileException($"The header row has {cells.Count:N0} columns; the limit is {MaxColumns:N0}.");
                }
                headers = Headers(cells);
                continue;
            }
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            var rowNumber = index + 1;
            // A row that does not line up with the header would put values under the wrong column, or drop them.
            // Empty trailing fields (a trailing delimiter) lose nothing and are let through.
            var extra = cells.Count > headers.Count && cells.Skip(headers.Count).Any(c => !string.IsNullOrWhiteSpace(c));
            if (extra || cells.Count < headers.Count)
            {
                throw new ImportFileException($"Row {rowNumber:N0} has {cells.Count:N0} fields but the header has {headers.Count:N0} columns: " +
                    (cells.Count > headers.Count ? "quote any value that holds the delimiter." : "every row needs a field for each column, even if empty."));
            }
            if (rows.Count == MaxRows)
            {
                throw new ImportFileException($"The file has more than {MaxRows:N0} rows (row {rowNumber:N0} is one too many); the limit is {MaxRows:N0}. Split it into smaller files.");
            }
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var c = 0; c < headers.Count; c++)
            {
                map[headers[c]] = cells[c];
            }
            rows.Add(new ImportRow(rowNumber, map));
        }
        if (headers is null)
        {
            throw new ImportFileException("The file has no header row.");
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
    internal static List<List<string>> ParseCsv(string text, char delimiter) =>
        CsvRecords(text, delimiter, (_, field) => $"field {field}").Select(r => r.Cells).ToList();

    /// <summary>Records one at a time with their 0-based index, so a caller can stop at its row limit before reading on.</summary>
    private static IEnumerable<(int Index, List<string> Cells)> CsvRecords(string text, char delimiter, Func<int, int, string> columnName)
    {
        var index = 0;
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
                yield return (index++, record);
                record = [];
            }
            else
            {
                field.Append(c);
            }
            if (field.Length > MaxCellCharacters)
            {
                throw new ImportFileException($"Row {index + 1:N0}, {columnName(index + 1, record.Count + 1)}: the value holds more than {MaxCellCharacters:N0} characters; " +
                    $"the limit is {MaxCellCharacters:N0} characters a cell.");
            }
        }
        if (inQuotes)
        {
            throw new ImportFileException("A quoted value is never closed: check for a stray double quote.");
        }
        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            yield return (index, record);
        }
    }

    internal static List<string> Headers(IReadOnlyList<string> cells)
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
