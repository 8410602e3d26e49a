using NhiPortal.Core.Inventory;
using NhiPortal.Core.Ownership;

namespace NhiPortal.Core.Tests.Ownership;

public class OrphanRulesTests
{
    // The query form of the rule, run in memory with the identity's own owner and team as the staff and team tables.
    private static bool IsOrphan(NonHumanIdentity identity) => OrphanRules.IsOrphan(
        new[] { identity.Owner }.OfType<StaffMember>().AsQueryable(), new[] { identity.Team }.OfType<Team>().AsQueryable()).Compile()(identity);

    private static NonHumanIdentity Identity(StaffMember? owner = null, Team? team = null) => new()
    {
        Name = "svc-test",
        Kind = IdentityKind.ServiceAccount,
        Purpose = "test",
        Environment = DeploymentEnvironment.Production,
        SourceSystem = "vault",
        Owner = owner,
        OwnerId = owner?.Id,
        Team = team,
        TeamId = team?.Id,
    };

    private static StaffMember Staff(bool active) => new() { Subject = "s", DisplayName = "S", IsActive = active };

    [Fact]
    public void ReasonFor_NoOwner_IsNoOwner()
    {
        var identity = Identity();

        Assert.Equal(OrphanReason.NoOwner, OrphanRules.ReasonFor(identity));
        Assert.True(IsOrphan(identity));
    }

    [Fact]
    public void ReasonFor_OwnerLeft_IsOwnerLeft()
    {
        var identity = Identity(Staff(active: false));

        Assert.Equal(OrphanReason.OwnerLeft, OrphanRules.ReasonFor(identity));
        Assert.True(IsOrphan(identity));
    }

    [Fact]
    public void ReasonFor_TeamDissolved_IsTeamDissolved()
    {
        var identity = Identity(Staff(active: true), new Team { Name = "Old", IsDissolved = true });

        Assert.Equal(OrphanReason.TeamDissolved, OrphanRules.ReasonFor(identity));
        Assert.True(IsOrphan(identity));
    }

    [Fact]
    public void ReasonFor_ActiveOwnerAndLiveTeam_IsNone()
    {
        var identity = Identity(Staff(active: true), new Team { Name = "Payments" });

        Assert.Equal(OrphanReason.None, OrphanRules.ReasonFor(identity));
        Assert.False(IsOrphan(identity));
    }

    [Fact]
    public void ReasonFor_DecommissionedWithoutOwner_IsNotAnOrphan()
    {
        var identity = Identity();
        identity.LifecycleState = IdentityLifecycleState.Decommissioned;

        Assert.Equal(OrphanReason.None, OrphanRules.ReasonFor(identity));
        Assert.False(IsOrphan(identity));
    }
}
