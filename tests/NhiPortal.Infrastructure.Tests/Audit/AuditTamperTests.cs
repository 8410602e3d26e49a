using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Revocation;
using static NhiPortal.Infrastructure.Tests.Audit.AuditTamper;

namespace NhiPortal.Infrastructure.Tests.Audit;

/// <summary>
/// Someone with write (and DDL) access to the database edits, inserts, deletes and truncates by raw SQL, and
/// recomputes whatever they can; Verify must still name what they did.
/// </summary>
public class AuditTamperTests
{
    [Fact]
    public async Task AnEditedEvent_WhoseLinksAreRecomputedWithPlainSha256_IsStillNamed()
    {
        await using var database = await SealedDemoAsync();
        await DropTriggersAsync(database);
        var victim = await AnEventAsync(database, AuditStream.Identity, (int)await CountAsync(database, AuditStream.Identity) - 5);
        await SqlAsync(database, $"UPDATE \"AuditEvents\" SET \"Summary\" = 'nothing happened here' WHERE \"Id\" = {victim}");
        // The attacker knows the algorithm and re-chains everything from the edited event to the head.
        await using (var db = database.CreateDbContext())
        {
            var links = await db.AuditChainLinks.AsNoTracking().Where(l => l.Stream == AuditStream.Identity && l.EventId >= victim)
                .OrderBy(l => l.Sequence).ToListAsync();
            var previous = links[0].PreviousHash;
            foreach (var link in links)
            {
                var e = await db.AuditEvents.AsNoTracking().SingleAsync(x => x.Id == link.EventId);
                var hash = AuditChain.Hash(previous, e);
                await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"AuditChainLinks\" SET \"PreviousHash\" = {previous}, \"Hash\" = {hash} WHERE \"EventId\" = {link.EventId}");
                previous = hash;
            }
        }

        var result = await VerifyAsync(database);

        Assert.Contains(result.Problems, p => p.EventId == victim && p.Problem.Contains("changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARowInsertedStraightIntoTheTable_IsNotSealed_AndVerifyNamesIt()
    {
        await using var database = await SealedDemoAsync();
        await SqlAsync(database, "INSERT INTO \"AuditEvents\" (\"Stream\", \"Type\", \"OccurredUtc\", \"Actor\", \"TargetType\", \"TargetId\", \"Summary\") " +
            "VALUES ('Credential', 'CredentialRevoked', '2026-11-23 09:00:00', 'demo-admin', 'Credential', 'X', 'revoked, honestly')");
        long forged;
        await using (var db = database.CreateDbContext())
        {
            forged = await db.AuditEvents.MaxAsync(e => e.Id);
        }

        await SealAsync(database);
        var result = await VerifyAsync(database);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((AuditStream.Credential, forged), (problem.Stream, problem.EventId));
        Assert.Contains($"event {forged} was not written by the portal", problem.Problem, StringComparison.Ordinal);
        await using var check = database.CreateDbContext();
        Assert.False(await check.AuditChainLinks.AnyAsync(l => l.EventId == forged));
    }

    [Fact]
    public async Task EventsWrittenByTheBulkRevocationPath_AreSealed_AndAForgedOneBesideThemIsNot()
    {
        await using var database = await SealedDemoAsync();
        await using var portal = new TestPortal(database);
        Guid[] ids;
        await using (var db = database.CreateDbContext())
        {
            ids = await db.Credentials.Where(c => c.State == CredentialState.Active).OrderBy(c => c.Id).Take(1_200).Select(c => c.Id).ToArrayAsync();
        }
        await portal.As<IRevocationService>("demo-operator", PortalRole.SecurityOperator)
            .StartAsync(new RevocationRequest(ids, "INC-20 leaked CI cache", IncludeManual: true));
        await SqlAsync(database, "INSERT INTO \"AuditEvents\" (\"Stream\", \"Type\", \"OccurredUtc\", \"Actor\", \"TargetType\", \"Summary\") " +
            "VALUES ('Credential', 'RevokeRequested', '2026-11-23 09:00:00', 'demo-operator', 'Credential', 'forged')");

        await SealAsync(database);
        var result = await VerifyAsync(database);

        Assert.Contains("not written by the portal", Assert.Single(result.Problems).Problem, StringComparison.Ordinal);
        await using var check = database.CreateDbContext();
        Assert.Equal(ids.Length, await check.AuditEvents.CountAsync(e => e.Type == AuditEventTypes.Credential.RevokeRequested
            && e.Summary != "forged" && check.AuditChainLinks.Any(l => l.EventId == e.Id)));
    }

    [Fact]
    public async Task AnEditedEvent_WhoseLinkAndLaterLinksAreDeleted_IsNotResealed_AndVerifyNamesIt()
    {
        await using var database = await SealedDemoAsync();
        await DropTriggersAsync(database);
        var victim = await AnEventAsync(database, AuditStream.Identity, 100);
        var sequence = await SequenceOfAsync(database, victim);
        await SqlAsync(database, $"UPDATE \"AuditEvents\" SET \"Summary\" = 'owner was always demo-admin' WHERE \"Id\" = {victim}");
        await SqlAsync(database, $"DELETE FROM \"AuditChainLinks\" WHERE \"Stream\" = 'Identity' AND \"Sequence\" >= {sequence}");

        await SealAsync(database);
        var result = await VerifyAsync(database);

        Assert.Contains(result.Problems, p => p.EventId == victim && p.Problem.Contains($"event {victim} was not written by the portal", StringComparison.Ordinal));
        await using var check = database.CreateDbContext();
        Assert.False(await check.AuditChainLinks.AnyAsync(l => l.EventId == victim));
    }

    [Fact]
    public async Task ATruncatedStream_IsNamed_FromThePublishedHeads()
    {
        await using var database = await SealedDemoAsync();
        var published = await CountAsync(database, AuditStream.Identity);
        await DropTriggersAsync(database);
        await SqlAsync(database, "DELETE FROM \"AuditChainLinks\" WHERE \"Stream\" = 'Identity'");
        await SqlAsync(database, "DELETE FROM \"AuditEvents\" WHERE \"Stream\" = 'Identity'");

        await SealAsync(database);
        var result = await VerifyAsync(database);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(AuditStream.Identity, problem.Stream);
        Assert.Contains($"the chain was truncated or rebuilt after sequence {published} was published", problem.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARebuiltStream_OfCopiedGenuineRows_IsNamed_FromThePublishedHeads()
    {
        await using var database = await SealedDemoAsync();
        var published = await CountAsync(database, AuditStream.Identity);
        await DropTriggersAsync(database);
        // Delete the stream and put the same rows back under new ids: every row's content (and MAC) is genuine.
        await SqlAsync(database, "CREATE TABLE \"Kept\" AS SELECT * FROM \"AuditEvents\" WHERE \"Stream\" = 'Identity'");
        await SqlAsync(database, "DELETE FROM \"AuditChainLinks\" WHERE \"Stream\" = 'Identity'");
        await SqlAsync(database, "DELETE FROM \"AuditEvents\" WHERE \"Stream\" = 'Identity'");
        await SqlAsync(database, "UPDATE \"Kept\" SET \"Id\" = \"Id\" + 1000000");
        await SqlAsync(database, "INSERT INTO \"AuditEvents\" SELECT * FROM \"Kept\"");

        await SealAsync(database);
        var result = await VerifyAsync(database);

        Assert.Contains(result.Problems, p => p.Stream == AuditStream.Identity
            && p.Problem.Contains($"the chain was truncated or rebuilt after sequence {published} was published", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Problems, p => p.Stream != AuditStream.Identity);
    }
}
