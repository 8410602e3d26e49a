namespace NhiPortal.Core.Feed;

/// <summary>
/// How far a destination may read. Ids are assigned at insert but, on a server database, commit in any order: a lower
/// id may still appear after a higher one was read. So the feed never steps past a gap until the row after it is
/// <c>wait</c> old; by then the missing id has committed (and is read first) or was rolled back (and never appears).
/// SQLite has one writer and reuses no id, so it has no gaps.
/// </summary>
public static class FeedGapRule
{
    /// <summary>How many of <paramref name="rows"/> (ids above <paramref name="cursor"/>, in id order) may be delivered now.</summary>
    public static int Deliverable(long cursor, IReadOnlyList<(long Id, DateTime OccurredUtc)> rows, DateTime nowUtc, TimeSpan wait)
    {
        var expected = cursor + 1;
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Id != expected && nowUtc - rows[i].OccurredUtc < wait)
            {
                return i;
            }
            expected = rows[i].Id + 1;
        }
        return rows.Count;
    }
}
