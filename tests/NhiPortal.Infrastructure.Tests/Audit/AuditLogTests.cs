using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Infrastructure.Audit;

namespace NhiPortal.Infrastructure.Tests.Audit;

public class AuditLogTests(SeededDatabaseFixture fixture) : IClassFixture<SeededDatabaseFixture>
{
    private AuditLogQueries Log(ICurrentUser user) => Log(fixture.Database, user);

    internal static AuditLogQueries Log(TestDatabase database, ICurrentUser user) =>
        new(database, user, TestPortal.For(database).Get<AuditChainSealer>(), TestPortal.For(database).Get<AuditChainVerifier>(), new AuditWriter(database.Clock, database.ChainKey),
            database.Clock);

    [Fact]
    public async Task Seeding_WritesOneEventPerIdentityAndCredential_InSeparateStreams()
    {
        await using var db = fixture.Database.CreateDbContext();

        Assert.Equal(2_000, await db.AuditEvents.CountAsync(a => a.Stream == AuditStream.Identity && a.Type == AuditEventTypes.Identity.Created));
        Assert.Equal(6_000, await db.AuditEvents.CountAsync(a => a.Stream == AuditStream.Credential && a.Type == AuditEventTypes.Credential.Imported));
    }

    [Fact]
    public async Task Seeding_AgainOnANonEmptyDatabase_ChangesNothing()
    {
        await using var db = fixture.Database.CreateDbContext();
        var seeder = new Infrastructure.Data.DemoDataSeeder(new Infrastructure.Data.SyntheticOrganisationLoader(new AuditWriter(fixture.Database.Clock, fixture.Database.ChainKey), fixture.Database.Clock));

        var seeded = await seeder.SeedIfEmptyAsync(db, Core.Inventory.SyntheticOrganisationSize.Demo);

        Assert.False(seeded);
        Assert.Equal(2_000, await db.Identities.CountAsync());
        Assert.Equal(8_000, await db.AuditEvents.CountAsync(a => a.Actor == "system:demo-data"));
    }

    [Fact]
    public async Task Query_StreamFilter_ReturnsOnlyThatStream_NewestFirst()
    {
        var log = Log(FixedCurrentUser.As("demo-auditor", PortalRole.Auditor));

        var page = await log.QueryAsync(new AuditQuery(AuditStream.Credential, null, 0, 50));

        Assert.Equal(6_000, page.TotalCount);
        Assert.Equal(50, page.Rows.Count);
        Assert.All(page.Rows, r => Assert.Equal(AuditStream.Credential, r.Stream));
        Assert.Equal(page.Rows.OrderByDescending(r => r.Id).Select(r => r.Id), page.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Query_Reviewer_SeesOnlyEventsAboutTheirOwnIdentities()
    {
        await using var db = fixture.Database.CreateDbContext();
        var owned = await db.Identities.Where(i => i.Owner!.Subject == "demo-reviewer").Select(i => i.Id).ToListAsync();
        var ownedKeys = owned.Select(AuditWriter.TargetKey).ToList();
        var log = Log(FixedCurrentUser.As("demo-reviewer", PortalRole.Reviewer));

        var page = await log.QueryAsync(new AuditQuery(null, null, 0, 500));

        Assert.Equal(owned.Count, page.TotalCount);
        Assert.All(page.Rows, r => Assert.Contains(r.TargetId, ownedKeys));
    }

    [Fact]
    public async Task Query_NoRole_IsRefused()
    {
        var log = Log(FixedCurrentUser.As("nobody"));

        await Assert.ThrowsAsync<AccessDeniedException>(() => log.QueryAsync(new AuditQuery(null, null, 0, 10)));
    }
}

public class AppendOnlyAuditTests
{
    [Fact]
    public async Task SaveChanges_ModifiedOrDeletedAuditEvent_IsRefusedAndNothingChanges()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using (var db = database.CreateDbContext())
        {
            new AuditWriter(database.Clock, database.ChainKey).Append(db, AuditStream.Access, "Test", PortalUser.System("test"), "None", null, "original");
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateDbContext())
        {
            var row = await db.AuditEvents.SingleAsync();
            row.Summary = "tampered";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }
        await using (var db = database.CreateDbContext())
        {
            db.AuditEvents.Remove(await db.AuditEvents.SingleAsync());
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        await using var check = database.CreateDbContext();
        Assert.Equal("original", (await check.AuditEvents.SingleAsync()).Summary);
    }
}
