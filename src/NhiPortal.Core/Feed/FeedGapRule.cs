namespace NhiPortal.Core.Feed;

/// <summary>
/// How far a destination may read. Ids are assigned at insert but, on a server database, commit in any order: a lower
/// id may still appear after a higher one was read. So the feed never steps past a gap until it has seen the row after
/// it for <c>wait</c>; by then the missing id has committed (and is read first) or was rolled back (and never appears).
/// The time is when the feed first saw the row, not when the event was written: a long transaction writes its events
/// early and commits late. SQLite has one writer and reuses no id, so it has no gaps.
/// </summary>
public static class FeedGapRule
{
    /// <summary>
    /// How many of <paramref name="rows"/> (ids above <paramref name="cursor"/>, in id order, each with when the reader
    /// first saw it) may be delivered now.
    /// </summary>
    public static int Deliverable(long cursor, IReadOnlyList<(long Id, DateTime SeenUtc)> rows, DateTime nowUtc, TimeSpan wait)
    {
        var expected = cursor + 1;
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Id != expected && nowUtc - rows[i].SeenUtc < wait)
            {
                return i;
            }
            expected = rows[i].Id + 1;
        }
        return rows.Count;
    }
}
