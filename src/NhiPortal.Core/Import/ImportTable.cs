namespace NhiPortal.Core.Import;

/// <summary>One data row as read from the file: its 1-based row number in the file (header = 1) and its cells by column.</summary>
public sealed record ImportRow(int RowNumber, IReadOnlyDictionary<string, string> Cells)
{
    /// <summary>Columns whose cell held a spreadsheet formula (refused: the value would not be what the file shows).</summary>
    public IReadOnlySet<string> FormulaCells { get; init; } = new HashSet<string>();

    public string? this[string column] => Cells.TryGetValue(column, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}

/// <summary>A parsed import file: headers in file order and the data rows (blank rows dropped).</summary>
public sealed record ImportTable(string FileName, IReadOnlyList<string> Headers, IReadOnlyList<ImportRow> Rows);

/// <summary>The file itself cannot be read as an import (wrong type, too big, empty, bad encoding, duplicate headers).</summary>
public sealed class ImportFileException(string message) : Exception(message);

public sealed record ImportError(int RowNumber, string? Column, string Reason);
