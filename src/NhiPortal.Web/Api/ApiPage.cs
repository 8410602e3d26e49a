namespace NhiPortal.Web.Api;

/// <summary>One page of a list; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, string? NextCursor)
{
    /// <summary>A full page has a next one, continuing after its last row; a short page is the last.</summary>
    public static ApiPage<T> Of(IReadOnlyList<T> rows, int take, Func<T, string> cursorAfter) =>
        new(rows, rows.Count == take ? cursorAfter(rows[^1]) : null);
}
