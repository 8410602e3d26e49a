using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
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
}
