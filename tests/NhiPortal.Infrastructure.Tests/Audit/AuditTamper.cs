using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Audit;
using NhiPortal.Infrastructure.Audit;

namespace NhiPortal.Infrastructure.Tests.Audit;

/// <summary>What an attacker with database access (and DDL rights) does, by raw SQL, around the application.</summary>
internal static class AuditTamper
{
    private static readonly string[] SqliteTriggers =
    [
        "AuditEvents_NoUpdate", "AuditEvents_NoDelete", "AuditChainLinks_NoUpdate", "AuditChainLinks_NoDelete",
        "ReviewCampaignResults_NoUpdate", "ReviewCampaignResults_NoDelete",
    ];

    private static readonly string[] AppendOnlyTables = ["AuditEvents", "AuditChainLinks", "ReviewCampaignResults"];

    public static async Task<TestDatabase> SealedDemoAsync()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await SealAsync(database);
        return database;
    }

    public static Task<int> SealAsync(TestDatabase database) => TestPortal.For(database).Get<AuditChainSealer>().SealAsync();

    public static Task<ChainVerification> VerifyAsync(TestDatabase database) => TestPortal.For(database).Get<AuditChainVerifier>().VerifyAsync();

    /// <summary>The append-only triggers go first, as they would for anyone allowed to alter the schema.</summary>
    public static async Task DropTriggersAsync(TestDatabase database)
    {
        var statements = database.IsSqlite
            ? SqliteTriggers.Select(t => $"DROP TRIGGER IF EXISTS {t}")
            : AppendOnlyTables.SelectMany(t => new[] { $"DROP TRIGGER IF EXISTS \"{t}_AppendOnly\" ON \"{t}\"", $"DROP TRIGGER IF EXISTS \"{t}_NoTruncate\" ON \"{t}\"" });
        foreach (var statement in statements)
        {
            await SqlAsync(database, statement);
        }
    }

    public static async Task SqlAsync(TestDatabase database, string sql)
    {
        await using var db = database.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    public static async Task<long> AnEventAsync(TestDatabase database, AuditStream stream, int skip)
    {
        await using var db = database.CreateDbContext();
        return await db.AuditEvents.Where(e => e.Stream == stream).OrderBy(e => e.Id).Skip(skip).Select(e => e.Id).FirstAsync();
    }

    public static async Task<long> SequenceOfAsync(TestDatabase database, long eventId)
    {
        await using var db = database.CreateDbContext();
        return await db.AuditChainLinks.Where(l => l.EventId == eventId).Select(l => l.Sequence).SingleAsync();
    }

    public static async Task<long> CountAsync(TestDatabase database, AuditStream stream)
    {
        await using var db = database.CreateDbContext();
        return await db.AuditEvents.LongCountAsync(e => e.Stream == stream);
    }
}
