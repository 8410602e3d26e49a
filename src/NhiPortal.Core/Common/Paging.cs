namespace NhiPortal.Core.Common;

/// <summary>One page of a server-side grid: its rows and how many match the filter in all (-1 when not counted).</summary>
public sealed record Page<T>(IReadOnlyList<T> Rows, int TotalCount);

public sealed record PageRequest(int Skip = 0, int Take = 50, string? SortBy = null, bool Descending = false)
{
    public const int MaxTake = 500;

    public int SafeSkip => Math.Max(0, Skip);

    public int SafeTake => Math.Clamp(Take, 1, MaxTake);

    /// <summary>
    /// Keyset paging for machines: the rows after this one in name order (ties by id), whatever the sort and skip say,
    /// so a page never repeats or misses a row when rows are added in front of it.
    /// </summary>
    public NameCursor? After { get; init; }

    /// <summary>False skips the COUNT(*) (a cursor walk does not need it); the page's total is then -1.</summary>
    public bool CountTotal { get; init; } = true;
}
