using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Ownership;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Audit;

namespace NhiPortal.Infrastructure.Tests.Access;

public class SignInRecorderTests
{
    [Fact]
    public async Task RecordSignIn_NewSubject_JoinsTheDirectoryAndIsAudited()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var recorder = new SignInRecorder(database, new AuditWriter(database.Clock, database.ChainKey), database.Clock);
        var user = new PortalUser("idp|42", "Jo Newcomer", "jo@example.org", new HashSet<PortalRole> { PortalRole.Auditor });

        await recorder.RecordSignInAsync(user);
        await recorder.RecordSignInAsync(user);

        await using var db = database.CreateDbContext();
        var member = await db.StaffMembers.SingleAsync();
        Assert.Equal("Jo Newcomer", member.DisplayName);
        Assert.Equal(TestDatabase.Now.UtcDateTime, member.LastSignInUtc);
        var types = await db.AuditEvents.OrderBy(a => a.Id).Select(a => a.Type).ToListAsync();
        Assert.Equal([AuditEventTypes.Access.StaffMemberJoined, AuditEventTypes.Access.SignedIn, AuditEventTypes.Access.SignedIn], types);
        Assert.All(await db.AuditEvents.ToListAsync(), a => Assert.Equal(AuditStream.Access, a.Stream));
    }

    [Fact]
    public async Task RecordSignIn_WithoutPortalRole_IsAuditedAsRefused()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var recorder = new SignInRecorder(database, new AuditWriter(database.Clock, database.ChainKey), database.Clock);

        await recorder.RecordSignInAsync(new PortalUser("idp|7", "Vic", null, new HashSet<PortalRole>()));

        await using var db = database.CreateDbContext();
        Assert.Contains(await db.AuditEvents.ToListAsync(), a => a.Type == AuditEventTypes.Access.Refused && a.Actor == "idp|7");
    }

    [Fact]
    public async Task RecordSignIn_EmailAnotherStaffMemberHolds_IsNotTakenOver()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using (var seed = database.CreateDbContext())
        {
            seed.StaffMembers.Add(new StaffMember { Subject = "idp|ada", DisplayName = "Ada", Email = "ada@example.org" });
            await seed.SaveChangesAsync();
        }
        var recorder = new SignInRecorder(database, new AuditWriter(database.Clock, database.ChainKey), database.Clock);

        // Imports match owners by email: a second person claiming Ada's address would take her matches.
        await recorder.RecordSignInAsync(new PortalUser("idp|mallory", "Mallory", "ADA@example.org", new HashSet<PortalRole> { PortalRole.Reviewer }));

        await using var db = database.CreateDbContext();
        Assert.Null((await db.StaffMembers.SingleAsync(s => s.Subject == "idp|mallory")).Email);
        Assert.Equal("ada@example.org", (await db.StaffMembers.SingleAsync(s => s.Subject == "idp|ada")).Email);
    }

    [Fact]
    public async Task RecordSignIn_WithoutAVerifiedEmail_KeepsTheDirectoryEmail()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using (var seed = database.CreateDbContext())
        {
            seed.StaffMembers.Add(new StaffMember { Subject = "idp|jo", DisplayName = "Jo", Email = "jo@example.org" });
            await seed.SaveChangesAsync();
        }
        var recorder = new SignInRecorder(database, new AuditWriter(database.Clock, database.ChainKey), database.Clock);

        await recorder.RecordSignInAsync(new PortalUser("idp|jo", "Jo", null, new HashSet<PortalRole> { PortalRole.Reviewer }));

        await using var db = database.CreateDbContext();
        Assert.Equal("jo@example.org", (await db.StaffMembers.SingleAsync()).Email);
    }

    [Fact]
    public async Task RecordSignIn_PersonMarkedAsLeft_IsAuditedAsRefused_AndNotAsASignIn()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using (var seed = database.CreateDbContext())
        {
            seed.StaffMembers.Add(new StaffMember { Subject = "idp|riley", DisplayName = "Riley", Email = "riley@example.org", IsActive = false });
            await seed.SaveChangesAsync();
        }
        var recorder = new SignInRecorder(database, new AuditWriter(database.Clock, database.ChainKey), database.Clock);

        await recorder.RecordSignInAsync(new PortalUser("idp|riley", "Riley", "riley@example.org", new HashSet<PortalRole> { PortalRole.Reviewer }));

        await using var db = database.CreateDbContext();
        var events = await db.AuditEvents.ToListAsync();
        var refused = Assert.Single(events);
        Assert.Equal(AuditEventTypes.Access.Refused, refused.Type);
        Assert.Contains("left the organisation", refused.Summary, StringComparison.Ordinal);
        var member = await db.StaffMembers.SingleAsync();
        Assert.Null(member.LastSignInUtc);
        Assert.False(member.IsActive);
    }
}
