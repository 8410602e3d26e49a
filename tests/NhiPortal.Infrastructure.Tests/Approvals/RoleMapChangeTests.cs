using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Access;
using NhiPortal.Core.Approvals;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Infrastructure.Access;

namespace NhiPortal.Infrastructure.Tests.Approvals;

/// <summary>The role map saved in the portal replaces the configuration's; with four eyes, a second administrator approves it.</summary>
public class RoleMapChangeTests
{
    private static readonly PortalUser Ada = new("demo-admin", "Ada Adminson", null, new HashSet<PortalRole> { PortalRole.Administrator });
    private static readonly PortalUser Morgan = new("idp|morgan", "Morgan Admin", null, new HashSet<PortalRole> { PortalRole.Administrator });
    private static readonly PortalUser Sam = new("demo-operator", "Sam Operator", null, new HashSet<PortalRole> { PortalRole.SecurityOperator });

    private static readonly RoleMap Configured = new([new("nhi-admins", "Administrator"), new("nhi-ops", "SecurityOperator")]);

    private static KeyValuePair<string, string> Entry(string value, string role) => new(value, role);

    private static TestPortal Portal(TestDatabase database, bool fourEyes) => new(database, configure: s =>
    {
        s.AddSingleton(new ConfiguredRoleMap(Configured));
        s.AddSingleton(new FourEyesPolicy { RoleMap = fourEyes });
    });

    [Fact]
    public async Task ASavedRoleMap_ReplacesTheConfigurations_AtOnceHere_AndAStaleEditIsRefused()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var portal = Portal(database, fourEyes: false);
        var store = portal.Get<RoleMapStore>();
        Assert.Equal([PortalRole.SecurityOperator], (await store.CurrentAsync()).Map(["nhi-ops"]));
        var view = await portal.As<IRoleMapCommands>(Ada).GetAsync();
        Assert.Equal((0, 2, true), (view.Version, view.Entries.Count, view.FromConfiguration));

        var saved = await portal.As<IRoleMapCommands>(Ada).SaveAsync([Entry("nhi-admins", "Administrator"), Entry("nhi-auditors", "Auditor")], 0, "Ops moved to their own IdP group");

        Assert.Equal(1, saved);
        var map = await store.CurrentAsync();
        Assert.Empty(map.Map(["nhi-ops"]));
        Assert.Equal([PortalRole.Auditor], map.Map(["NHI-AUDITORS"]));
        await Assert.ThrowsAsync<EditConflictException>(() =>
            portal.As<IRoleMapCommands>(Morgan).SaveAsync([Entry("nhi-admins", "Administrator")], 0, "Edited from the old page"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.As<IRoleMapCommands>(Sam).SaveAsync([Entry("x", "Administrator")], 1, "Operators may not"));
        await using var db = database.CreateDbContext();
        var change = await db.AuditEvents.SingleAsync(a => a.Type == AuditEventTypes.Access.RoleMapChanged);
        Assert.Contains("nhi-ops", change.BeforeJson, StringComparison.Ordinal);
        Assert.DoesNotContain("nhi-ops", change.AfterJson, StringComparison.Ordinal);
        Assert.Equal(1, (await portal.As<IRoleMapCommands>(Morgan).GetAsync()).Version);
    }

    [Fact]
    public async Task AMapThatWouldLockEveryoneOut_OrIsMalformed_IsRefused_AndNothingIsSaved()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var portal = Portal(database, fourEyes: false);
        var commands = portal.As<IRoleMapCommands>(Ada);

        async Task<string> Refused(params KeyValuePair<string, string>[] entries) =>
            (await Assert.ThrowsAsync<ValidationException>(() => commands.SaveAsync(entries, 0, "Tidy the role map"))).Message;

        Assert.Contains("No entry maps to Administrator", await Refused(Entry("nhi-ops", "SecurityOperator")), StringComparison.Ordinal);
        Assert.Contains("not a portal role", await Refused(Entry("nhi-admins", "Administrator"), Entry("nhi-x", "Reviewer,Auditor")), StringComparison.Ordinal);
        Assert.Contains("mapped twice", await Refused(Entry("nhi-admins", "Administrator"), Entry("NHI-ADMINS", "Auditor")), StringComparison.Ordinal);
        Assert.Contains("without spaces", await Refused(Entry("nhi-admins", "Administrator"), Entry(" padded ", "Auditor")), StringComparison.Ordinal);

        await using var db = database.CreateDbContext();
        Assert.Equal(0, await db.RoleMapVersions.CountAsync());
    }

    [Fact]
    public async Task WithFourEyes_AChangeWaitsForASecondAdministrator_WhoseApprovalSavesIt()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var portal = Portal(database, fourEyes: true);
        KeyValuePair<string, string>[] entries = [Entry("nhi-admins", "Administrator"), Entry("nhi-reviewers", "Reviewer")];

        await Assert.ThrowsAsync<ApprovalRequiredException>(() => portal.As<IRoleMapCommands>(Ada).SaveAsync(entries, 0, "Owners get the reviewer role"));
        var id = await portal.As<IApprovalCommands>(Ada).RequestRoleMapChangeAsync(entries, 0, "Owners get the reviewer role");
        await Assert.ThrowsAsync<ValidationException>(() => portal.As<IApprovalCommands>(Ada).ApproveAsync(id, 0, "My own change"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.As<IApprovalCommands>(Sam).ApproveAsync(id, 0, "Operators may not"));
        Assert.Empty((await portal.Get<RoleMapStore>().CurrentAsync()).Map(["nhi-reviewers"]));

        await portal.As<IApprovalCommands>(Morgan).ApproveAsync(id, 0, "Agreed at the access board");

        Assert.Equal([PortalRole.Reviewer], (await portal.Get<RoleMapStore>().CurrentAsync()).Map(["nhi-reviewers"]));
        await using var db = database.CreateDbContext();
        var version = await db.RoleMapVersions.SingleAsync();
        Assert.Contains("asked by Ada Adminson; approved by Morgan Admin", version.Note, StringComparison.Ordinal);
        var approval = await db.Approvals.SingleAsync();
        Assert.Equal((ApprovalState.Approved, "Saved as role map version 1."), (approval.State, approval.Outcome));
        Assert.Equal("idp|morgan", (await db.AuditEvents.SingleAsync(a => a.Type == AuditEventTypes.Access.RoleMapChanged)).Actor);
    }
}
