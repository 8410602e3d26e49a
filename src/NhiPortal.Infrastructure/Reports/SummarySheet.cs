namespace NhiPortal.Infrastructure.Reports;

/// <summary>
/// A small formatted sheet after the data sheets, as values only (the writer formats it): numbers stay numbers,
/// anything else is text, a missing value reads "—".
/// </summary>
internal sealed record SummarySheet(string Name, IReadOnlyList<IReadOnlyList<object?>> Rows, IReadOnlyList<double> ColumnWidths)
{
    /// <summary>The first row is a bold header.</summary>
    public bool HasHeader { get; init; }

    /// <summary>The header row is frozen and the table filtered.</summary>
    public bool FreezeAndFilter { get; init; }

    /// <summary>The last row (totals) is bold.</summary>
    public bool BoldLastRow { get; init; }

    /// <summary>Every first cell is a bold label.</summary>
    public bool BoldLabels { get; init; }

    /// <summary>Bold labels beside their values.</summary>
    public static SummarySheet Labelled(string name, IEnumerable<(string Label, object? Value)> lines, double labelWidth, double valueWidth) =>
        new(name, lines.Select(l => (IReadOnlyList<object?>)[l.Label, l.Value]).ToList(), [labelWidth, valueWidth]) { BoldLabels = true };
}
