using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;

namespace NhiPortal.Infrastructure.Tests.Audit;

/// <summary>Tampering is done the way an attacker with database access would: raw SQL, around the application.</summary>
public class AuditChainTests
{
    private static async Task<TestDatabase> SealedAsync()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await AuditTamper.SealAsync(database);
        return database;
    }

    private static Task<ChainVerification> VerifyAsync(TestDatabase database) => AuditTamper.VerifyAsync(database);

    private static async Task<long> AnEventAsync(TestDatabase database, AuditStream stream, int skip)
    {
        await using var db = database.CreateDbContext();
        return await db.AuditEvents.Where(e => e.Stream == stream).OrderBy(e => e.Id).Skip(skip).Select(e => e.Id).FirstAsync();
    }

    [Fact]
    public async Task AnUntouchedLog_VerifiesIntact_AndEveryEventIsSealedOnceInItsStream()
    {
        await using var database = await SealedAsync();

        var result = await VerifyAsync(database);

        Assert.True(result.Intact, result.Describe());
        await using var db = database.CreateDbContext();
        Assert.Equal(await db.AuditEvents.LongCountAsync(), result.CheckedEvents);
        Assert.Equal(0, result.UnsealedEvents);
        Assert.Equal(0, await AuditTamper.SealAsync(database));
        Assert.Equal((1L, ""), await db.AuditChainLinks.Where(l => l.Stream == AuditStream.Credential).OrderBy(l => l.Sequence)
            .Select(l => new ValueTuple<long, string>(l.Sequence, l.PreviousHash)).FirstAsync());
    }

    [Fact]
    public async Task AnEditedEvent_IsFound_WithItsStreamPositionAndId()
    {
        await using var database = await SealedAsync();
        var victim = await AnEventAsync(database, AuditStream.Identity, 100);
        await AuditTamper.DropTriggersAsync(database);
        await using (var db = database.CreateDbContext())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"AuditEvents\" SET \"Actor\" = 'someone-else' WHERE \"Id\" = {victim}");
        }

        var result = await VerifyAsync(database);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((AuditStream.Identity, victim, 101L), (problem.Stream, problem.EventId!.Value, problem.Sequence!.Value));
        Assert.Contains("changed", problem.Problem, StringComparison.Ordinal);
        Assert.StartsWith("BROKEN", result.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeletedEvent_AndADeletedLink_AreBothFound()
    {
        await using var database = await SealedAsync();
        var deletedEvent = await AnEventAsync(database, AuditStream.Credential, 5);
        var eventOfDeletedLink = await AnEventAsync(database, AuditStream.Identity, 7);
        await AuditTamper.DropTriggersAsync(database);
        await using (var db = database.CreateDbContext())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM \"AuditEvents\" WHERE \"Id\" = {deletedEvent}");
            await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM \"AuditChainLinks\" WHERE \"EventId\" = {eventOfDeletedLink}");
        }

        var result = await VerifyAsync(database);

        Assert.Contains(result.Problems, p => p.Stream == AuditStream.Credential && p.EventId == deletedEvent && p.Problem.Contains("deleted", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Stream == AuditStream.Identity && p.Sequence == 8 && p.Problem.Contains("missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheApplication_RefusesToChangeALink()
    {
        await using var database = await SealedAsync();
        await using var db = database.CreateDbContext();
        var link = await db.AuditChainLinks.FirstAsync();
        link.Hash = new string('0', 64);

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task VerifyChain_ThroughTheLog_SealsNewEvents_RecordsTheCheck_AndIsRefusedToAReviewer()
    {
        await using var database = await SealedAsync();
        var auditor = AuditLogTests.Log(database, FixedCurrentUser.As("demo-auditor", PortalRole.Auditor));

        var result = await auditor.VerifyChainAsync();

        Assert.True(result.Intact);
        await using var db = database.CreateDbContext();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Type == AuditEventTypes.Access.ChainVerified && e.Actor == "demo-auditor"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => AuditLogTests.Log(database, FixedCurrentUser.As("demo-reviewer", PortalRole.Reviewer)).VerifyChainAsync());
    }
}
