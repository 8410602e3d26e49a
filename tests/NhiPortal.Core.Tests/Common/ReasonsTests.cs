using NhiPortal.Core.Common;
using NhiPortal.Core.Reviews;
using NhiPortal.Core.Revocation;

namespace NhiPortal.Core.Tests.Common;

public class ReasonsTests
{
    // Split so secret scanners do not flag the test itself.
    private static readonly string Jwt = "eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiJzdmMtYmlsbGluZyJ9" + ".c2lnbmF0dXJlLXNpZ25hdHVyZQ";

    [Theory]
    [InlineData("INC-4411 leaked in a public gist")]
    [InlineData("Ticket https://jira.example.org/browse/SEC-1234, owner on leave")]
    [InlineData("Commit 3f9a2c1 removed the last caller")]
    public void AnOrdinaryReason_IsAccepted(string reason) => Assert.Null(Reasons.Problem(reason));

    [Fact]
    public void AReasonCarryingAToken_IsRefused_WithoutEchoingIt()
    {
        var problem = Reasons.Problem($"INC-4412 this token leaked: {Jwt}");

        Assert.NotNull(problem);
        Assert.Contains("secret", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(Jwt[..20], problem, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryPlaceThatTakesAReason_RefusesTheSameToken()
    {
        var text = $"INC-4413 {Jwt}";

        Assert.NotNull(RevocationRules.Validate(new RevocationRequest([Guid.NewGuid()], text)));
        Assert.NotNull(ReviewRules.ValidateDecision(ReviewDecision.RevokeCredentials, text, highRisk: false, newOwnerId: null));
        Assert.NotNull(Core.Ownership.OwnershipRules.ValidateReason(text));
        Assert.Throws<ValidationException>(() => Reasons.Require(text));
    }

    [Fact]
    public void AReviewRunReason_AlwaysFits_AndIsAlwaysValid()
    {
        var reason = RevocationRules.ForReview(new string('Q', 200), "RevokeCredentials by Riley Reviewer", new string('j', ReviewRules.MaxJustification));

        Assert.True(reason.Length <= Reasons.Maximum);
        Assert.Null(RevocationRules.Validate(new RevocationRequest([Guid.NewGuid()], reason)));
    }
}
