using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Inventory;

/// <summary>
/// Credential rows for the grid and the identity page. Each sort walks its own index (id as the tie-break), and the
/// page's scores are read after it by id: joining the narrow score table inside the page query let SQLite's planner
/// scan the score table first and sort all three million rows for every page (2-12 s at 1M).
/// </summary>
internal static class CredentialPages
{
    /// <summary>One page of <paramref name="query"/> in the requested sort, with scores.</summary>
    public static async Task<List<CredentialRow>> SortedAsync(NhiPortalDbContext db, IQueryable<Credential> query, PageRequest page, CancellationToken ct)
    {
        var rows = Split(query, page.SortBy) is (var dated, var undated) && (page.SortBy == CredentialSort.Expires && !page.Descending || db.Database.IsNpgsql())
            ? await TwoWalksAsync(dated, undated, page, ct)
            : await Rows(Sort(query, page).Skip(page.SafeSkip).Take(page.SafeTake)).ToListAsync(ct);
        return await WithScoresAsync(db, rows, ct);
    }

    /// <summary>Every row of <paramref name="query"/> in its own order, with scores (an identity's credentials).</summary>
    public static async Task<List<CredentialRow>> AllAsync(NhiPortalDbContext db, IQueryable<Credential> query, CancellationToken ct) =>
        await WithScoresAsync(db, await Rows(query).ToListAsync(ct), ct);

    private static IQueryable<Credential> Sort(IQueryable<Credential> query, PageRequest page) => (page.SortBy, page.Descending) switch
    {
        (CredentialSort.Issued, false) => query.OrderBy(c => c.IssuedUtc).ThenBy(c => c.Id),
        (CredentialSort.Issued, true) => query.OrderByDescending(c => c.IssuedUtc).ThenByDescending(c => c.Id),
        (CredentialSort.Expires, false) => query.OrderBy(c => c.ExpiresUtc).ThenBy(c => c.Id),
        (CredentialSort.Expires, true) => query.OrderByDescending(c => c.ExpiresUtc).ThenByDescending(c => c.Id),
        (CredentialSort.LastUsed, false) => query.OrderBy(c => c.LastUsedUtc).ThenBy(c => c.Id),
        (CredentialSort.LastUsed, true) => query.OrderByDescending(c => c.LastUsedUtc).ThenByDescending(c => c.Id),
        (CredentialSort.LastRotated, false) => query.OrderBy(c => c.LastRotatedUtc).ThenBy(c => c.Id),
        (CredentialSort.LastRotated, true) => query.OrderByDescending(c => c.LastRotatedUtc).ThenByDescending(c => c.Id),
        (_, true) => query.OrderByDescending(c => c.Name).ThenBy(c => c.Id),
        _ => query.OrderBy(c => c.Name).ThenBy(c => c.Id),
    };

    // A date column's rows with and without a date, for the sorts where the two are read as separate walks.
    private static (IQueryable<Credential> Dated, IQueryable<Credential> Undated)? Split(IQueryable<Credential> query, string? sort) => sort switch
    {
        CredentialSort.Expires => (query.Where(c => c.ExpiresUtc != null), query.Where(c => c.ExpiresUtc == null)),
        CredentialSort.LastUsed => (query.Where(c => c.LastUsedUtc != null), query.Where(c => c.LastUsedUtc == null)),
        CredentialSort.LastRotated => (query.Where(c => c.LastRotatedUtc != null), query.Where(c => c.LastRotatedUtc == null)),
        _ => null,
    };

    // The order is the same on every provider: rows without a date come first when ascending and last when descending
    // (as SQLite and SQL Server sort nulls), except "expires, soonest first", which puts those that never expire last.
    // "Nulls last" cannot walk an index on SQLite, and PostgreSQL sorts nulls the other way round, so those cases read
    // one walk of the dated rows and one of the undated, and count the first only when the page needs the second.
    private static async Task<List<CredentialRow>> TwoWalksAsync(IQueryable<Credential> dated, IQueryable<Credential> undated, PageRequest page, CancellationToken ct)
    {
        IQueryable<Credential> undatedInOrder = page.Descending ? undated.OrderByDescending(c => c.Id) : undated.OrderBy(c => c.Id);
        var datedInOrder = Sort(dated, page);
        var undatedFirst = !page.Descending && page.SortBy != CredentialSort.Expires;
        var (first, second) = undatedFirst ? (undatedInOrder, datedInOrder) : (datedInOrder, undatedInOrder);
        var rows = await Rows(first.Skip(page.SafeSkip).Take(page.SafeTake)).ToListAsync(ct);
        if (rows.Count == page.SafeTake)
        {
            return rows;
        }
        var firstTotal = rows.Count > 0 ? page.SafeSkip + rows.Count : await first.CountAsync(ct);
        rows.AddRange(await Rows(second.Skip(Math.Max(0, page.SafeSkip - firstTotal)).Take(page.SafeTake - rows.Count)).ToListAsync(ct));
        return rows;
    }

    private static async Task<List<CredentialRow>> WithScoresAsync(NhiPortalDbContext db, List<CredentialRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return rows;
        }
        var ids = rows.Select(r => r.Id).ToList();
        var scores = await db.Credentials.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.HygieneScore }).ToDictionaryAsync(c => c.Id, c => c.HygieneScore, ct);
        return rows.Select(r => r with { HygieneScore = scores.GetValueOrDefault(r.Id) }).ToList();
    }

    // No score here: reading it would join the score table into the page query (see the summary).
    private static IQueryable<CredentialRow> Rows(IQueryable<Credential> query) => query.Select(c => new CredentialRow(
        c.Id, c.Name, c.Kind, c.State, c.IdentityId, c.Identity != null ? c.Identity.Name : null, c.Purpose, c.Store, c.StoreReference,
        ShortFingerprint(c.Fingerprint),
        c.IssuedUtc, c.ExpiresUtc, c.LastRotatedUtc, c.LastUsedUtc, c.IsDynamic, null) { Version = c.Version });

    // Evaluated after the row is read: only the short form ever leaves this service.
    private static string ShortFingerprint(Fingerprint fingerprint) => fingerprint.Short;
}
