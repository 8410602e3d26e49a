using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Import;
using NhiPortal.Core.Common;
using NhiPortal.Infrastructure.Import;
using NhiPortal.Infrastructure.Inventory;

namespace NhiPortal.Infrastructure.Tests.Import;

/// <summary>The staff directory import's managers and team leads: the people review escalation and the team-lead rule reach.</summary>
public class StaffDirectoryImportTests
{
    // Gia manages Ada and Bo and is on the same file; Bo leads Payments.
    private const string Directory =
        "Subject,DisplayName,Email,Team,Status,ManagerEmail,TeamLead\n" +
        "s-ada,Ada Owner,ada@example.org,Payments,Active,gia@example.org,\n" +
        "s-bo,Bo Owner,bo@example.org,Payments,Active,gia@example.org,true\n" +
        "s-gia,Gia Head,gia@example.org,Leadership,Active,,\n";

    private static ImportService Service(TestDatabase database, MemoryCache cache) =>
        TestPortal.For(database).Create<ImportService>(FixedCurrentUser.As("op", [PortalRole.SecurityOperator]), cache);

    private static async Task<ImportPreview> PreviewAsync(ImportService service, string csv) =>
        await service.PreviewAsync(ImportKind.Staff, "directory.csv", new MemoryStream(Encoding.UTF8.GetBytes(csv)));

    [Fact]
    public async Task Managers_FromTheSameFile_AndTheTeamLead_AreApplied_Audited_AndAReimportChangesNothing()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var service = Service(database, cache);

        var applied = await service.ApplyAsync((await PreviewAsync(service, Directory)).Id);
        var again = await PreviewAsync(service, Directory);

        Assert.Equal(3, applied.Created);
        Assert.Equal((0, 0, 3), (again.Plan.ToCreate, again.Plan.ToUpdate, again.Plan.Unchanged));
        await using var db = database.CreateDbContext();
        var people = await db.StaffMembers.ToDictionaryAsync(s => s.Subject);
        Assert.Equal(people["s-gia"].Id, people["s-ada"].ManagerId);
        Assert.Equal(people["s-gia"].Id, people["s-bo"].ManagerId);
        Assert.Null(people["s-gia"].ManagerId);
        Assert.Equal(people["s-bo"].Id, (await db.Teams.SingleAsync(t => t.Name == "Payments")).LeadId);
        Assert.Equal(2, await db.AuditEvents.CountAsync(a => a.Type == AuditEventTypes.Access.StaffMemberImported && a.Summary!.Contains("manager gia@example.org")));
        Assert.Single(await db.AuditEvents.Where(a => a.Type == AuditEventTypes.Identity.TeamLeadChanged && a.Summary!.Contains("→ Bo Owner")).ToListAsync());
        // The staff directory page shows both.
        var listed = (await TestPortal.For(database).Create<InventoryQueries>(FixedCurrentUser.As("op", [PortalRole.SecurityOperator]))
            .QueryStaffAsync(null, null, new PageRequest(0, 10))).Rows.ToDictionary(r => r.Subject);
        Assert.Equal(("Gia Head", true), (listed["s-bo"].ManagerName, listed["s-bo"].LeadsTeam));
        Assert.Equal((null, false), (listed["s-gia"].ManagerName, listed["s-gia"].LeadsTeam));
    }

    [Fact]
    public async Task ABlankManagerClears_TeamLeadFalseTakesTheLeadAway_AndAFileWithoutTheColumnsLeavesThem()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var service = Service(database, cache);
        await service.ApplyAsync((await PreviewAsync(service, Directory)).Id);

        var plain = await PreviewAsync(service, "Subject,DisplayName,Email,Team,Status\ns-ada,Ada Owner,ada@example.org,Payments,Active\n");
        Assert.Equal(1, plain.Plan.Unchanged);
        var changed = await PreviewAsync(service, "Subject,DisplayName,Email,Team,ManagerEmail,TeamLead\ns-ada,Ada Owner,ada@example.org,Payments,,\ns-bo,Bo Owner,bo@example.org,Payments,gia@example.org,false\n");
        Assert.Equal(2, changed.Plan.ToUpdate);
        await service.ApplyAsync(changed.Id);

        await using var db = database.CreateDbContext();
        Assert.Null((await db.StaffMembers.SingleAsync(s => s.Subject == "s-ada")).ManagerId);
        Assert.Null((await db.Teams.SingleAsync(t => t.Name == "Payments")).LeadId);
        Assert.Single(await db.AuditEvents.Where(a => a.Type == AuditEventTypes.Identity.TeamLeadChanged && a.Summary!.Contains("Bo Owner → none")).ToListAsync());
    }

    [Fact]
    public async Task BadManagersAndLeads_AreRefusedRowByRow_WithTheirReasons_AndNothingOfThoseRowsIsApplied()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var service = Service(database, cache);

        var preview = await PreviewAsync(service,
            "Subject,DisplayName,Email,Team,Status,ManagerEmail,TeamLead\n" +
            "s-ada,Ada Owner,ada@example.org,Payments,Active,ada@example.org,\n" +
            "s-bo,Bo Owner,bo@example.org,Payments,Active,nobody@example.org,\n" +
            "s-cy,Cy Owner,cy@example.org,Payments,Active,,true\n" +
            "s-di,Di Owner,di@example.org,Payments,Active,,yes\n" +
            "s-ed,Ed Owner,ed@example.org,,Active,,true\n" +
            "s-fi,Fi Owner,fi@example.org,Data,Left,,true\n" +
            "s-gu,Gu Owner,gu@example.org,Data,Active,cy@example.org,maybe\n" +
            "s-hu,Hu Owner,hu@example.org,Data,Active,bo@example.org,\n");

        var errors = preview.Plan.Errors.ToDictionary(e => e.RowNumber, e => e.Reason);
        Assert.Contains("own manager", errors[2], StringComparison.Ordinal);
        Assert.Contains("'nobody@example.org' is neither in the staff directory nor on another row", errors[3], StringComparison.Ordinal);
        Assert.False(errors.ContainsKey(4));
        Assert.Contains("Payments already has its lead on row 4", errors[5], StringComparison.Ordinal);
        Assert.Contains("needs a Team", errors[6], StringComparison.Ordinal);
        Assert.Contains("who left cannot lead", errors[7], StringComparison.Ordinal);
        Assert.Contains("'maybe' is not true or false", errors[8], StringComparison.Ordinal);
        // Hu's manager is Bo, whose own row is refused: Hu's row is refused with it.
        Assert.Contains("'bo@example.org' is on a row that is not imported", errors[9], StringComparison.Ordinal);
        Assert.DoesNotContain("Data", preview.Plan.NewTeams);
        await service.ApplyAsync(preview.Id);
        await using var db = database.CreateDbContext();
        Assert.Equal(["s-cy"], await db.StaffMembers.Select(s => s.Subject).ToListAsync());
        Assert.Equal((await db.StaffMembers.SingleAsync()).Id, (await db.Teams.SingleAsync(t => t.Name == "Payments")).LeadId);
    }
}
