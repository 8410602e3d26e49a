using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using static NhiPortal.Infrastructure.Tests.Audit.AuditTamper;

namespace NhiPortal.Infrastructure.Tests.Audit;

/// <summary>A database sealed with plain SHA-256 before the chain was keyed still verifies after the upgrade.</summary>
// SQLite only: it replays the SQLite migration history from before the keyed chain.
[Trait("Database", "Sqlite")]
public class LegacyChainTests
{
    private const string BeforeKeyedChain = "20261201084012_Outbox";

    private static AuditEvent Legacy(long id, string summary) => new()
    {
        Id = id, Stream = AuditStream.Access, Type = "Test", OccurredUtc = new DateTime(2026, 11, 1, 8, 0, (int)id, DateTimeKind.Utc),
        Actor = "demo-admin", TargetType = "None", Summary = summary,
    };

    /// <summary>Two events and their SHA-256 links, written as the previous version wrote them, then the upgrade.</summary>
    private static async Task<TestDatabase> UpgradedAsync()
    {
        var database = new TestDatabase(DatabaseProvider.Sqlite);
        await using (var db = database.CreateDbContext())
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforeKeyedChain);
            var previous = "";
            foreach (var e in new[] { Legacy(1, "first"), Legacy(2, "second") })
            {
                var hash = AuditChain.Hash(previous, e);
                var time = e.OccurredUtc.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"INSERT INTO AuditEvents (Id, Stream, Type, OccurredUtc, Actor, TargetType, Summary) VALUES ({e.Id}, 'Access', 'Test', {time}, 'demo-admin', 'None', {e.Summary})");
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"INSERT INTO AuditChainLinks (EventId, Stream, Sequence, PreviousHash, Hash, SealedUtc) VALUES ({e.Id}, 'Access', {e.Id}, {previous}, {hash}, {time})");
                previous = hash;
            }
            await db.Database.MigrateAsync();
        }
        await using (var db = database.CreateDbContext())
        {
            var writer = TestPortal.For(database).Get<AuditWriter>();
            for (var i = 0; i < 3; i++)
            {
                writer.Append(db, AuditStream.Access, "Test", PortalUser.System("test"), "None", null, $"after the upgrade {i}");
            }
            await db.SaveChangesAsync();
        }
        await SealAsync(database);
        return database;
    }

    private static async Task<List<string>> AlgorithmsAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        return await db.Database.SqlQueryRaw<string>("SELECT Algorithm AS Value FROM AuditChainLinks ORDER BY Sequence").ToListAsync();
    }

    [Fact]
    public async Task LegacyLinks_StillVerify_AndNewLinksAfterThemAreKeyed()
    {
        await using var database = await UpgradedAsync();

        var result = await VerifyAsync(database);

        Assert.True(result.Intact, result.Describe());
        Assert.Equal(5, result.CheckedEvents);
        var algorithms = await AlgorithmsAsync(database);
        Assert.Equal(["sha256", "sha256"], algorithms.Take(2));
        Assert.All(algorithms.Skip(2), a => Assert.StartsWith("hmac-sha256:", a, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEditedLegacyEvent_IsNamed_AndAKeyedLinkReplacedByAPlainOne_IsNamed()
    {
        await using var database = await UpgradedAsync();
        await DropTriggersAsync(database);
        await SqlAsync(database, "UPDATE AuditEvents SET Summary = 'rewritten' WHERE Id = 1");
        // A keyed event edited and its link "downgraded" to plain SHA-256, which anyone can compute.
        await SqlAsync(database, "UPDATE AuditEvents SET Summary = 'rewritten too' WHERE Id = 4");
        await using (var db = database.CreateDbContext())
        {
            var link = await db.AuditChainLinks.AsNoTracking().SingleAsync(l => l.EventId == 4);
            var e = await db.AuditEvents.AsNoTracking().SingleAsync(x => x.Id == 4);
            var hash = AuditChain.Hash(link.PreviousHash, e);
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE AuditChainLinks SET Algorithm = 'sha256', Hash = {hash} WHERE EventId = 4");
        }

        var result = await VerifyAsync(database);

        Assert.Contains(result.Problems, p => p.EventId == 1 && p.Problem.Contains("event 1 was changed", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.EventId == 4);
    }
}
