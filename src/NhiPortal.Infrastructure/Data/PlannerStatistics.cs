using Microsoft.EntityFrameworkCore;

namespace NhiPortal.Infrastructure.Data;

/// <summary>
/// SQLite's planner statistics (sqlite_stat1), which SQLite never gathers by itself: a file that grew through the
/// portal, or whose table a migration rebuilt (the rebuild drops its statistics), is planned blind, and at a million
/// identities a blind plan can sort millions of rows for one page. One <c>ANALYZE</c> per index, each its own short
/// transaction (0.3-1 s per index at 3M credentials), so a save never waits long behind it.
/// </summary>
public sealed class PlannerStatistics(IDbContextFactory<NhiPortalDbContext> dbFactory)
{
    /// <summary>
    /// Analyzes the indexes without statistics, or every index; returns those it analyzed (none off SQLite). An empty
    /// table's indexes get no statistics row, so they count as missing each time (and cost nothing).
    /// </summary>
    public async Task<IReadOnlyList<string>> RefreshAsync(bool missingOnly, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!db.Database.IsSqlite())
        {
            // Server databases keep their own statistics (auto-update, autovacuum).
            return [];
        }
        var indexes = await db.Database.SqlQueryRaw<string>(
            "SELECT name AS Value FROM sqlite_master WHERE type = 'index' AND tbl_name NOT LIKE 'sqlite_%' ORDER BY tbl_name, name").ToListAsync(ct);
        if (missingOnly)
        {
            var analyzed = await StatisticsTableExistsAsync(db, ct)
                ? await db.Database.SqlQueryRaw<string>("SELECT DISTINCT idx AS Value FROM sqlite_stat1 WHERE idx IS NOT NULL").ToListAsync(ct)
                : [];
            indexes = indexes.Except(analyzed, StringComparer.OrdinalIgnoreCase).ToList();
        }
        foreach (var index in indexes)
        {
            // An index name comes from sqlite_master, quoted as an identifier: never text from outside.
            var analyze = $"ANALYZE \"{index.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            await db.Database.ExecuteSqlRawAsync(analyze, ct);
        }
        return indexes;
    }

    private static async Task<bool> StatisticsTableExistsAsync(NhiPortalDbContext db, CancellationToken ct) =>
        await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'").SingleAsync(ct) > 0;
}
