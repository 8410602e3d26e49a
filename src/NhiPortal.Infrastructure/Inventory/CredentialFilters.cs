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
            // Never hinted: shadow credentials are few by nature and often clustered by name (one store's naming), so
            // the identity index and a sort find them; a walk of the name index would cross everything before them.
            query = query.Where(c => c.IdentityId == null);
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
    /// (skip + take) x all / matches rows if the matches are spread, the sort reads the matches. A filter that matches
    /// under a tenth of the rows is always sorted: matches clustered in the sort's order would make the walk long.
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
        return total >= all / 10 && (double)total * total > (double)(page.SafeSkip + page.SafeTake) * all;
    }
}
