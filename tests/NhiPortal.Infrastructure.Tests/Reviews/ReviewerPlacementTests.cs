using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Reviews;

namespace NhiPortal.Infrastructure.Tests.Reviews;

/// <summary>
/// Items go to people who can decide them: the portal knows roles from the last sign-in, and the reviewer rule skips
/// a known person without a deciding role (no role, or Auditor only) for the next in the chain, saying so.
/// </summary>
public class ReviewerPlacementTests
{
    [Fact]
    public async Task ACampaign_SkipsTheOwnerWithNoRole_AndTheAuditor_ForTheTeamLeadOrTheFallback_AndSaysWhy()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await using var portal = new TestPortal(database);
        var signIns = portal.Get<ISignInRecorder>();
        await signIns.RecordSignInAsync(new PortalUser("demo-visitor", "Vic Visitor", null, new HashSet<PortalRole>()));
        await signIns.RecordSignInAsync(new PortalUser("demo-auditor", "Avery Auditor", null, new HashSet<PortalRole> { PortalRole.Auditor }));
        await signIns.RecordSignInAsync(new PortalUser("demo-reviewer", "Riley Reviewer", null, new HashSet<PortalRole> { PortalRole.Reviewer }));
        Guid operatorId, visitorId, auditorId, reviewerId;
        await using (var db = database.CreateDbContext())
        {
            operatorId = await db.StaffMembers.Where(s => s.Subject == "demo-operator").Select(s => s.Id).SingleAsync();
            visitorId = await db.StaffMembers.Where(s => s.Subject == "demo-visitor").Select(s => s.Id).SingleAsync();
            auditorId = await db.StaffMembers.Where(s => s.Subject == "demo-auditor").Select(s => s.Id).SingleAsync();
            reviewerId = await db.StaffMembers.Where(s => s.Subject == "demo-reviewer").Select(s => s.Id).SingleAsync();
        }
        var operatorActor = new ReviewActor(portal, FixedCurrentUser.Person("demo-operator", PortalRole.SecurityOperator));

        var campaign = await operatorActor.CreateAsync(new CampaignDraft("All NHIs", ReviewScope.AllIdentities, null, operatorId, UnansweredPolicy.FlagForFollowUp, WindowHours: 100));

        await using var check = database.CreateDbContext();
        var items = await check.ReviewItems.Where(i => i.CampaignId == campaign).ToListAsync();
        // The demo organisation gives both of them identities: the case the issue saw.
        Assert.True(items.Count(i => i.OwnerId == visitorId) > 5);
        Assert.True(items.Count(i => i.OwnerId == auditorId) > 5);
        Assert.DoesNotContain(items, i => i.ReviewerId == visitorId || i.ReviewerId == auditorId);
        Assert.All(items.Where(i => i.OwnerId == visitorId), i =>
        {
            Assert.Matches("^(team lead|fallback) ", i.ReviewerRule);
            Assert.Contains("Vic Visitor", i.ReviewerRule, StringComparison.Ordinal);
            Assert.Contains("cannot decide", i.ReviewerRule, StringComparison.Ordinal);
        });
        Assert.All(items.Where(i => i.OwnerId == auditorId), i => Assert.Contains("Avery Auditor", i.ReviewerRule, StringComparison.Ordinal));
        // A reviewer who signed in with a deciding role keeps their own items.
        Assert.All(items.Where(i => i.OwnerId == reviewerId), i => Assert.Equal((reviewerId, "owner"), (i.ReviewerId, i.ReviewerRule)));
        // An owner imported from the directory who never signed in is not known to lack a role: they still review.
        var neverSignedIn = await check.StaffMembers.Where(s => s.IsActive && s.PortalRoles == null).Select(s => s.Id).ToListAsync();
        Assert.Contains(items, i => i.OwnerId is { } o && neverSignedIn.Contains(o) && i.ReviewerId == o && i.ReviewerRule == "owner");
        // The visitor was told nothing: no assignment notification for items they cannot decide.
        Assert.False(await check.Notifications.AnyAsync(n => n.RecipientId == visitorId || n.RecipientId == auditorId));

        var progress = await operatorActor.GetProgressAsync(campaign);
        Assert.Contains(progress.ByReviewer, r => r.Placement is { } p && p.Contains("Vic Visitor", StringComparison.Ordinal) && p.Contains("cannot decide", StringComparison.Ordinal));
        Assert.Contains(progress.ByReviewer, r => r.Name == "Riley Reviewer" && r.Placement!.StartsWith("owner", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_StoresTheRolesItSaw_NoneAsEmpty()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var portal = new TestPortal(database);
        var signIns = portal.Get<ISignInRecorder>();

        await signIns.RecordSignInAsync(new PortalUser("idp|1", "Avery", null, new HashSet<PortalRole> { PortalRole.Reviewer, PortalRole.Auditor }));
        await signIns.RecordSignInAsync(new PortalUser("idp|2", "Vic", null, new HashSet<PortalRole>()));

        await using var db = database.CreateDbContext();
        var roles = await db.StaffMembers.OrderBy(s => s.Subject).Select(s => s.PortalRoles).ToListAsync();
        Assert.Equal(["Reviewer,Auditor", ""], roles);
    }
}
