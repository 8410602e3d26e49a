using NhiPortal.Core.Access;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Tests.Access;

public class ApiClientStandingTests
{
    private static readonly Guid Identity = Guid.NewGuid();
    private static readonly Guid Owner = Guid.NewGuid();

    private static ApiClientStanding.Holder Holder(IdentityLifecycleState state = IdentityLifecycleState.Active, Guid? owner = null, CredentialState credential = CredentialState.Active, Guid? identity = null) =>
        new(identity ?? Identity, "payments-bot", state, owner ?? Owner, credential);

    [Fact]
    public void AnActiveOwnedIdentityWithAnActiveCredential_IsAccepted()
    {
        var standing = ApiClientStanding.Judge("payments-bot", "idp", [Holder(credential: CredentialState.Rotated), Holder()]);

        Assert.True(standing.Accepted);
        Assert.Equal(Identity, standing.IdentityId);
    }

    [Fact]
    public void AClientNoIdentityHolds_IsRefused_AndTheRefusalSaysHowToRegisterIt()
    {
        var standing = ApiClientStanding.Judge("stranger", "idp", []);

        Assert.False(standing.Accepted);
        Assert.Contains("not an NHI in the portal", standing.Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IdentityLifecycleState.Disabled, CredentialState.Active, "disabled")]
    [InlineData(IdentityLifecycleState.Decommissioned, CredentialState.Active, "decommissioned")]
    [InlineData(IdentityLifecycleState.Active, CredentialState.Revoked, "no active credential")]
    [InlineData(IdentityLifecycleState.Active, CredentialState.Expired, "no active credential")]
    public void ADisabledIdentity_OrOneWithoutAnActiveCredential_IsRefused(IdentityLifecycleState state, CredentialState credential, string why)
    {
        var standing = ApiClientStanding.Judge("payments-bot", "idp", [Holder(state, credential: credential)]);

        Assert.False(standing.Accepted);
        Assert.Contains(why, standing.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOwnerlessIdentity_IsRefused()
    {
        var standing = ApiClientStanding.Judge("payments-bot", "idp", [Holder() with { OwnerId = null }]);

        Assert.Contains("no owner", standing.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIdentityWhoseOwnerLeft_OrWhoseTeamWasDissolved_IsRefused()
    {
        var ownerLeft = ApiClientStanding.Judge("payments-bot", "idp", [Holder() with { OwnerActive = false }]);
        var teamGone = ApiClientStanding.Judge("payments-bot", "idp", [Holder() with { TeamDissolved = true }]);

        Assert.Contains("owner has left", ownerLeft.Refusal, StringComparison.Ordinal);
        Assert.Contains("team was dissolved", teamGone.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void AClientTwoIdentitiesHold_IsRefusedRatherThanActingAsEither()
    {
        var standing = ApiClientStanding.Judge("payments-bot", "idp", [Holder(), Holder(identity: Guid.NewGuid())]);

        Assert.False(standing.Accepted);
        Assert.Contains("2 identities", standing.Refusal, StringComparison.Ordinal);
    }
}
