namespace NhiPortal.Core.Leaks;

public enum LeakFilter
{
    All,
    Matched,
    Unmatched,
}
