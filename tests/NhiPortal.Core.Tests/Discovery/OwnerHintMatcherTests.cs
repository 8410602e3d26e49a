using NhiPortal.Core.Discovery;

namespace NhiPortal.Core.Tests.Discovery;

public sealed class OwnerHintMatcherTests
{
    private static readonly StaffCandidate Ada = new(Guid.NewGuid(), "idp|ada", "Ada Lovelace", "ada.lovelace@example.org", true);
    private static readonly StaffCandidate Alan = new(Guid.NewGuid(), "idp|alan", "Alan Turing", "alan@example.org", true);
    private static readonly StaffCandidate LeftAlan = new(Guid.NewGuid(), "idp|alan2", "Alan Turing", "alan.t@example.org", false);

    private readonly OwnerHintMatcher _matcher = new([Ada, Alan, LeftAlan]);

    [Theory]
    [InlineData("ada.lovelace@example.org")]
    [InlineData("ADA.LOVELACE@EXAMPLE.ORG")]
    [InlineData("idp|ada")]
    [InlineData("Ada Lovelace")]
    [InlineData("uid=ada.lovelace,ou=people,dc=example,dc=org")]
    [InlineData("CN=Ada Lovelace,OU=Staff,DC=corp,DC=example,DC=org")]
    public void AnExactHint_ProposesThatPerson(string hint) => Assert.Equal(Ada.Id, _matcher.Match(hint));

    [Theory]
    [InlineData("ada")]
    [InlineData("Lovelace")]
    [InlineData("uid=someone,ou=people,dc=example,dc=org")]
    [InlineData("")]
    [InlineData(null)]
    public void ALooseOrUnknownHint_ProposesNobody(string? hint) => Assert.Null(_matcher.Match(hint));

    [Fact]
    public void AHintNamingTwoPeople_ProposesNobody_ButSomeoneWhoLeftDoesNotCount()
    {
        // Only one current Alan Turing: the one who left is not a candidate.
        Assert.Equal(Alan.Id, _matcher.Match("Alan Turing"));
        var twins = new OwnerHintMatcher([Alan, Alan with { Id = Guid.NewGuid(), Subject = "idp|alan3", Email = "a3@example.org" }]);
        Assert.Null(twins.Match("Alan Turing"));
    }
}
