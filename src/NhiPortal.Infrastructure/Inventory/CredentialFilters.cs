using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Inventory;

/// <summary>
/// The credential grid's filters, in one place for the count and the page. On SQLite a broad filter is marked as
/// matching most rows, so the page walks its sort's index instead of sorting every match (<see cref="PlannerHints"/>).
/// </summary>
internal static class CredentialFilters
{
    public static IQueryable<Credential> Apply(IQueryable<Credential> query, CredentialFilter filter, DateTime nowUtc, bool likely)
    {
        if (filter.Kind is { } kind)
        {
            query = query.Where(c => c.Kind == kind, likely);
        }
        if (filter.State is { } state)
        {
            query = query.Where(c => c.State == state, likely);
        }
        if (!string.IsNullOrWhiteSpace(filter.Store))
        {
            query = query.Where(c => c.Store == filter.Store, likely);
        }
        if (filter.IdentityId is { } identityId)
        {
            query = query.Where(c => c.IdentityId == identityId);
        }
        if (filter.ShadowOnly)
        {
            query = query.Where(c => c.IdentityId == null, likely);
        }
        if (filter.ExpiringWithinDays is { } days)
        {
            var until = nowUtc.AddDays(days);
            // One term per call, so each can carry the hint: SQLite does not look inside likely(a AND b).
            query = query.Where(c => c.State == CredentialState.Active, likely).Where(c => !c.IsDynamic, likely)
                .Where(c => c.ExpiresUtc != null, likely).Where(c => c.ExpiresUtc < until, likely);
        }
        if (InventoryQueries.PrefixRange(filter.Search) is var (from, to))
        {
            query = query.Where(c => c.Name.CompareTo(from) >= 0 && c.Name.CompareTo(to) < 0);
        }
        return query;
    }

    /// <summary>
    /// Whether walking the sort's index finds the page sooner than sorting every match: it reads about
    /// (skip + take) x all / matches rows, the sort reads the matches. Few matches are always sorted.
    /// </summary>
    public static async Task<bool> MatchMostAsync(IQueryable<Credential> unfiltered, IQueryable<Credential> filtered, int total, PageRequest page,
        CancellationToken ct)
    {
        const int AlwaysSorted = 2_000;
        if (total < AlwaysSorted || ReferenceEquals(unfiltered, filtered))
        {
            return false;
        }
        var all = await unfiltered.CountAsync(ct);
        return (double)total * total > (double)(page.SafeSkip + page.SafeTake) * all;
    }
}
