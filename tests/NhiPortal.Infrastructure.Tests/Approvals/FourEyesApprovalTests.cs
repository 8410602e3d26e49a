using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Access;
using NhiPortal.Core.Approvals;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Outbox;
using NhiPortal.Core.Revocation;

namespace NhiPortal.Infrastructure.Tests.Approvals;

/// <summary>Four eyes on the changes where a mistake is expensive: the second person approves or rejects, both recorded.</summary>
public class FourEyesApprovalTests
{
    private static readonly PortalUser Ada = new("demo-admin", "Ada Adminson", null, new HashSet<PortalRole> { PortalRole.Administrator });
    private static readonly PortalUser Morgan = new("idp|morgan", "Morgan Admin", null, new HashSet<PortalRole> { PortalRole.Administrator });
    private static readonly PortalUser Sam = new("demo-operator", "Sam Operator", null, new HashSet<PortalRole> { PortalRole.SecurityOperator });
    private static readonly PortalUser Kim = new("idp|kim", "Kim Operator", null, new HashSet<PortalRole> { PortalRole.SecurityOperator });

    private static TestPortal Portal(TestDatabase database) =>
        new(database, configure: s => s.AddSingleton(new FourEyesPolicy { HygienePolicy = true, BulkRevocationAbove = 3 }));

    [Fact]
    public async Task APolicyChange_WaitsForASecondAdministrator_WhoseApprovalSavesTheVersion_AndTheRequesterCannotApproveIt()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var portal = Portal(database);
        var policy = (await portal.As<IHygieneService>(Ada).GetPolicyAsync()).Policy;
        var changed = policy with { StaleDays = 45 };

        await Assert.ThrowsAsync<ApprovalRequiredException>(() => portal.As<IHygieneService>(Ada).SavePolicyAsync(changed, "Stale sooner after INC-7"));
        var id = await portal.As<IApprovalCommands>(Ada).RequestPolicyChangeAsync(changed, "Stale sooner after INC-7");
        var pending = Assert.Single(await portal.As<IApprovalQueries>(Morgan).ListAsync());
        Assert.Equal((ApprovalState.Pending, true), (pending.State, pending.MayDecide));
        Assert.False(Assert.Single(await portal.As<IApprovalQueries>(Ada).ListAsync()).MayDecide);
        await Assert.ThrowsAsync<ValidationException>(() => portal.As<IApprovalCommands>(Ada).ApproveAsync(id, pending.Version, "Looks right to me"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.As<IApprovalCommands>(Sam).ApproveAsync(id, pending.Version, "Not my policy"));
        await using (var before = database.CreateDbContext())
        {
            Assert.Equal(0, await before.HygienePolicyVersions.CountAsync());
        }

        await portal.As<IApprovalCommands>(Morgan).ApproveAsync(id, pending.Version, "Agreed with the incident review");
        await Assert.ThrowsAsync<EditConflictException>(() => portal.As<IApprovalCommands>(Morgan).RejectAsync(id, pending.Version, "Changed my mind"));

        await using var db = database.CreateDbContext();
        var version = await db.HygienePolicyVersions.SingleAsync();
        Assert.Contains("\"StaleDays\":45", version.PolicyJson, StringComparison.Ordinal);
        Assert.Contains("asked by Ada Adminson; approved by Morgan Admin", version.Note, StringComparison.Ordinal);
        var approval = await db.Approvals.SingleAsync();
        Assert.Equal((ApprovalState.Approved, "idp|morgan", $"Saved as policy version {version.Version}."), (approval.State, approval.DecidedBy, approval.Outcome));
        var types = await db.AuditEvents.Where(a => a.Stream == AuditStream.Access).Select(a => a.Type).ToListAsync();
        Assert.Equal(1, types.Count(t => t == AuditEventTypes.Access.ApprovalRequested));
        Assert.Equal(1, types.Count(t => t == AuditEventTypes.Access.ApprovalGranted));
        Assert.Equal(1, types.Count(t => t == AuditEventTypes.Access.PolicyChanged));
        Assert.True(await db.Outbox.AnyAsync(o => o.Type == FollowUpTypes.Rescore));
    }

    [Fact]
    public async Task ARejectedChange_SavesNothing_AndSaysWhy()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var portal = Portal(database);
        var policy = (await portal.As<IHygieneService>(Ada).GetPolicyAsync()).Policy;
        var id = await portal.As<IApprovalCommands>(Ada).RequestPolicyChangeAsync(policy with { StaleDays = 5 }, "Far stricter staleness");

        await portal.As<IApprovalCommands>(Morgan).RejectAsync(id, 0, "Five days would flag every batch job");

        await using var db = database.CreateDbContext();
        Assert.Equal(0, await db.HygienePolicyVersions.CountAsync());
        var approval = await db.Approvals.SingleAsync();
        Assert.Equal((ApprovalState.Rejected, "Five days would flag every batch job"), (approval.State, approval.DecisionNote));
        Assert.Single(await db.AuditEvents.Where(a => a.Type == AuditEventTypes.Access.ApprovalRejected).ToListAsync());
    }

    [Fact]
    public async Task ABulkRevocation_AboveTheThreshold_WaitsForASecondOperator_ThenItsRunStarts_WhileOneIdentitysContainmentNeverWaits()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await using var portal = Portal(database);
        List<Guid> selection;
        Guid identity;
        await using (var db = database.CreateDbContext())
        {
            selection = await db.Credentials.Where(c => c.State == CredentialState.Active && c.IdentityId != null).OrderBy(c => c.Id).Select(c => c.Id).Take(5).ToListAsync();
            identity = await db.Credentials.Where(c => c.State == CredentialState.Active && c.IdentityId != null && !selection.Contains(c.Id))
                .GroupBy(c => c.IdentityId!.Value).Where(g => g.Count() >= 2).Select(g => g.Key).FirstAsync();
        }
        var request = new RevocationRequest(selection, "INC-88 leaked CI variables", IncludeManual: true);

        await Assert.ThrowsAsync<ApprovalRequiredException>(() => portal.As<IRevocationService>(Sam).StartAsync(request));
        // Nor can a selection pass for one identity's containment by naming an identity beside it.
        var disguised = await Assert.ThrowsAsync<ValidationException>(() => portal.As<IRevocationService>(Sam).StartAsync(request with { IdentityId = identity }));
        Assert.Contains("do not belong to the identity", disguised.Message, StringComparison.Ordinal);
        // One compromised identity, however many credentials it holds: one person, at once.
        var containment = await portal.As<IRevocationService>(Sam).StartAsync(new RevocationRequest([], "INC-89 one identity", identity, IncludeManual: true));
        // Nor does a compromise's own response (every holder of a leaked value), which the portal marks as containment.
        Assert.False(new FourEyesPolicy { BulkRevocationAbove = 3 }.Requires(request with { Containment = true }));
        var id = await portal.As<IApprovalCommands>(Sam).RequestRevocationAsync(request);
        await portal.As<IApprovalCommands>(Kim).ApproveAsync(id, 0, "Confirmed with the CI owners");
        await portal.DrainAsync();

        await using var check = database.CreateDbContext();
        var approval = await check.Approvals.SingleAsync();
        var run = await check.RevocationRuns.SingleAsync(r => r.Reason.Contains("INC-88"));
        Assert.NotEqual(containment, run.Id);
        Assert.Equal(selection.Order(), (await check.RevocationSteps.Where(s => s.RunId == run.Id).Select(s => s.CredentialId).ToListAsync()).Order());
        Assert.Contains("Sam Operator, approved by Kim Operator", run.RequestedByName, StringComparison.Ordinal);
        Assert.Equal((ApprovalState.Approved, $"Revocation run {run.Id:D} is starting."), (approval.State, approval.Outcome));
    }

    [Fact]
    public async Task AnApprovedRevocation_WhoseCredentialsAreGoneMeanwhile_IsRecordedAsFailed_WithTheReason()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await using var portal = Portal(database);
        List<Guid> selection;
        await using (var db = database.CreateDbContext())
        {
            selection = await db.Credentials.Where(c => c.State == CredentialState.Active).OrderBy(c => c.Id).Select(c => c.Id).Take(4).ToListAsync();
        }
        var id = await portal.As<IApprovalCommands>(Sam).RequestRevocationAsync(new RevocationRequest(selection, "INC-90 stale keys", IncludeManual: true));
        await using (var db = database.CreateDbContext())
        {
            await db.Credentials.Where(c => selection.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.State, CredentialState.Revoked));
        }

        await portal.As<IApprovalCommands>(Kim).ApproveAsync(id, 0, "Go ahead");
        await portal.DrainAsync();

        await using var check = database.CreateDbContext();
        var approval = await check.Approvals.SingleAsync();
        Assert.Equal(ApprovalState.Failed, approval.State);
        Assert.StartsWith("Approved, but could not be carried out:", approval.Outcome, StringComparison.Ordinal);
        Assert.Single(await check.AuditEvents.Where(a => a.Type == AuditEventTypes.Access.ApprovalFailed).ToListAsync());
        Assert.Equal(0, await check.RevocationRuns.CountAsync(r => r.Reason.Contains("INC-90")));
    }

    [Fact]
    public async Task ARetryUnderTheSameKey_FindsTheRequest_InAnyOrder_AndTwoAtOnceMakeOne()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await using var portal = Portal(database);
        List<Guid> selection;
        await using (var db = database.CreateDbContext())
        {
            selection = await db.Credentials.Where(c => c.State == CredentialState.Active).OrderBy(c => c.Id).Select(c => c.Id).Take(5).ToListAsync();
        }
        var key = Guid.NewGuid();
        var request = new RevocationRequest(selection, "INC-93 retried by a script", IncludeManual: true) { RunId = key };

        var both = await Task.WhenAll(portal.As<IApprovalCommands>(Sam).RequestRevocationAsync(request), portal.As<IApprovalCommands>(Sam).RequestRevocationAsync(request));
        var reordered = await portal.As<IApprovalCommands>(Sam).RequestRevocationAsync(request with { CredentialIds = [.. Enumerable.Reverse(selection)] });

        Assert.Equal([key, key, key], [.. both, reordered]);
        await Assert.ThrowsAsync<ValidationException>(() => portal.As<IApprovalCommands>(Sam).RequestRevocationAsync(request with { CredentialIds = selection[..4] }));
        await using var check = database.CreateDbContext();
        Assert.Equal(1, await check.Approvals.CountAsync());
    }

    [Fact]
    public async Task ARequestByAnApiClient_IsItsOwnersRequest_SoTheOwnerCannotApproveIt_ButSomeoneElseCan()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await using var portal = Portal(database);
        var client = new PortalUser("client:nhi-automation-operator", "nhi-automation-operator (API client)", null,
            new HashSet<PortalRole> { PortalRole.SecurityOperator }) { ActsForSubject = Kim.Subject };
        List<Guid> selection;
        await using (var db = database.CreateDbContext())
        {
            selection = await db.Credentials.Where(c => c.State == CredentialState.Active).OrderBy(c => c.Id).Select(c => c.Id).Take(4).ToListAsync();
        }
        var id = await portal.As<IApprovalCommands>(client).RequestRevocationAsync(new RevocationRequest(selection, "INC-91 scripted cleanup", IncludeManual: true));

        var refused = await Assert.ThrowsAsync<ValidationException>(() => portal.As<IApprovalCommands>(Kim).ApproveAsync(id, 0, "My own script's request"));
        Assert.Contains("Your API client asked for this change", refused.Message, StringComparison.Ordinal);
        Assert.False(Assert.Single(await portal.As<IApprovalQueries>(Kim).ListAsync()).MayDecide);
        await portal.As<IApprovalCommands>(Sam).ApproveAsync(id, 0, "Checked the list with Kim");
        await using var check = database.CreateDbContext();
        var approval = await check.Approvals.SingleAsync();
        Assert.Equal((ApprovalState.Approved, "demo-operator"), (approval.State, approval.DecidedBy));
    }
}
