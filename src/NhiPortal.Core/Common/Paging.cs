namespace NhiPortal.Core.Common;

/// <summary>One page of a server-side grid: its rows and how many match the filter in all.</summary>
public sealed record Page<T>(IReadOnlyList<T> Rows, int TotalCount);

public sealed record PageRequest(int Skip = 0, int Take = 50, string? SortBy = null, bool Descending = false)
{
    public const int MaxTake = 500;

    public int SafeSkip => Math.Max(0, Skip);

    public int SafeTake => Math.Clamp(Take, 1, MaxTake);
}
