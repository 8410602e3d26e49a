namespace NhiPortal.Core.Inventory;

/// <summary>
/// What an identity gained and lost between two lists of entitlements (compared exactly, order ignored): the content of
/// an <c>EntitlementsChanged</c> event, written beside the update that made it, so a reviewer and the SIEM see access grow.
/// </summary>
public sealed record EntitlementDiff(IReadOnlyList<string> Added, IReadOnlyList<string> Removed)
{
    public static EntitlementDiff Of(IEnumerable<string> before, IEnumerable<string> after)
    {
        var (was, now) = (before.ToHashSet(StringComparer.Ordinal), after.ToHashSet(StringComparer.Ordinal));
        return new([.. now.Except(was).Order(StringComparer.Ordinal)], [.. was.Except(now).Order(StringComparer.Ordinal)]);
    }

    public bool Any => Added.Count + Removed.Count > 0;

    /// <summary>"gained db_owner; lost reader".</summary>
    public string Describe() => string.Join("; ", new[]
    {
        Added.Count > 0 ? $"gained {string.Join(", ", Added)}" : null,
        Removed.Count > 0 ? $"lost {string.Join(", ", Removed)}" : null,
    }.OfType<string>());
}
