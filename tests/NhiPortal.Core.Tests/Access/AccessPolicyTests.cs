using NhiPortal.Core.Access;

namespace NhiPortal.Core.Tests.Access;

public class AccessPolicyTests
{
    [Theory]
    [InlineData(PortalRole.Administrator, Capability.ManagePolicy, AccessScope.Everything)]
    [InlineData(PortalRole.SecurityOperator, Capability.ManagePolicy, AccessScope.None)]
    [InlineData(PortalRole.SecurityOperator, Capability.Revoke, AccessScope.Everything)]
    [InlineData(PortalRole.Reviewer, Capability.Revoke, AccessScope.None)]
    [InlineData(PortalRole.Reviewer, Capability.ViewInventory, AccessScope.OwnIdentities)]
    [InlineData(PortalRole.Reviewer, Capability.ViewAudit, AccessScope.OwnIdentities)]
    [InlineData(PortalRole.Auditor, Capability.ViewInventory, AccessScope.Everything)]
    [InlineData(PortalRole.Auditor, Capability.Export, AccessScope.Everything)]
    [InlineData(PortalRole.Auditor, Capability.AttestOwnIdentities, AccessScope.None)]
    [InlineData(PortalRole.Auditor, Capability.DecideReviewItems, AccessScope.None)]
    [InlineData(PortalRole.Auditor, Capability.Import, AccessScope.None)]
    [InlineData(PortalRole.Administrator, Capability.ManageFeed, AccessScope.Everything)]
    [InlineData(PortalRole.SecurityOperator, Capability.ManageFeed, AccessScope.None)]
    [InlineData(PortalRole.Reviewer, Capability.RequestIdentities, AccessScope.OwnIdentities)]
    [InlineData(PortalRole.Auditor, Capability.RequestIdentities, AccessScope.None)]
    public void ScopeFor_RoleMatrix_MatchesDesign(PortalRole role, Capability capability, AccessScope expected) =>
        Assert.Equal(expected, AccessPolicy.ScopeFor(role, capability));

    [Fact]
    public void ScopeFor_SeveralRoles_TakesTheWidest()
    {
        var scope = AccessPolicy.ScopeFor([PortalRole.Reviewer, PortalRole.Auditor], Capability.ViewInventory);

        Assert.Equal(AccessScope.Everything, scope);
    }

    [Fact]
    public void RolesWith_ManagePolicy_IsOnlyAdministrator() =>
        Assert.Equal([PortalRole.Administrator], AccessPolicy.RolesWith(Capability.ManagePolicy));

    [Fact]
    public void RolesWith_ReportLeaks_IsAdministratorAndSecurityOperator() =>
        Assert.Equal([PortalRole.Administrator, PortalRole.SecurityOperator], AccessPolicy.RolesWith(Capability.ReportLeaks));

    [Fact]
    public void Demand_WithoutRole_ThrowsAccessDenied()
    {
        var user = new PortalUser("s-1", "Nobody", null, new HashSet<PortalRole>());

        var ex = Assert.Throws<AccessDeniedException>(() => user.Demand(Capability.ViewInventory));

        Assert.Equal(Capability.ViewInventory, ex.Capability);
        Assert.Contains("Nobody", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Demand_ReviewerViewingInventory_ReturnsOwnScope()
    {
        var user = new PortalUser("s-2", "Riley", null, new HashSet<PortalRole> { PortalRole.Reviewer });

        Assert.Equal(AccessScope.OwnIdentities, user.Demand(Capability.ViewInventory));
    }
}
