using Microsoft.EntityFrameworkCore;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Tests.Data;

// SQLite only: SQLite is the one provider that gathers no statistics by itself.
[Trait("Database", "Sqlite")]
public class PlannerStatisticsTests
{
    [Fact]
    public async Task AFileWithoutStatistics_GetsThemForEveryIndex_AndASecondPassLeavesTheAnalyzedOnesAlone()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await database.SeedDemoAsync();
        var statistics = new PlannerStatistics(database);

        var analyzed = await statistics.RefreshAsync(missingOnly: true, CancellationToken.None);

        await using var db = database.CreateDbContext();
        var indexes = await db.Database.SqlQueryRaw<string>(
            "SELECT name AS Value FROM sqlite_master WHERE type = 'index' AND tbl_name NOT LIKE 'sqlite_%'").ToListAsync();
        var credentialIndexes = indexes.Where(i => i.StartsWith("IX_Credentials_", StringComparison.Ordinal)).ToList();
        var withStatistics = await db.Database.SqlQueryRaw<string>("SELECT idx AS Value FROM sqlite_stat1 WHERE tbl = 'Credentials'").ToListAsync();
        Assert.Equal(indexes.Order(), analyzed.Order());
        Assert.NotEmpty(credentialIndexes);
        Assert.All(credentialIndexes, i => Assert.Contains(i, withStatistics));
        // The state index's first figure is the table's row count: statistics from the data, not a guess.
        var rows = await db.Credentials.CountAsync();
        var stat = await db.Database.SqlQueryRaw<string>(
            "SELECT stat AS Value FROM sqlite_stat1 WHERE idx = 'IX_Credentials_State_ExpiresUtc_IsDynamic'").SingleAsync();
        Assert.Equal(rows.ToString(System.Globalization.CultureInfo.InvariantCulture), stat.Split(' ')[0]);

        var again = await statistics.RefreshAsync(missingOnly: true, CancellationToken.None);
        Assert.DoesNotContain(again, i => credentialIndexes.Contains(i));
        Assert.True(again.Count < indexes.Count);
        Assert.Equal(indexes.Count, (await statistics.RefreshAsync(missingOnly: false, CancellationToken.None)).Count);
    }
}
