using System.Security.Claims;
using NhiPortal.Web.Api;

namespace NhiPortal.Web.Tests.Api;

public class ApiClaimsTests
{
    private static ClaimsPrincipal Token(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "Bearer"));

    [Fact]
    public void AClientCredentialsToken_CarriesNoPerson()
    {
        var token = Token(("sub", "nhi-automation-operator"), ("client_id", "nhi-automation-operator"), ("roles", "SecurityOperator"), ("scope", "api"));

        Assert.Null(ApiClaims.UserTokenReason(token));
        Assert.Equal("nhi-automation-operator", ApiClaims.ClientOf(token));
    }

    [Theory]
    [InlineData("idtyp", "user")]
    [InlineData("scp", "access_as_user")]
    [InlineData("sid", "f1c2")]
    [InlineData("session_state", "a9d0")]
    [InlineData("nonce", "n-0S6_WzA2Mj")]
    public void APersonsToken_IsTold(string claim, string value)
    {
        var token = Token(("sub", "9b1d"), ("azp", "soar-prod"), (claim, value));

        Assert.Contains(claim, ApiClaims.UserTokenReason(token), StringComparison.Ordinal);
    }

    [Fact]
    public void AnEntraAppToken_IsAMachine()
    {
        Assert.Null(ApiClaims.UserTokenReason(Token(("idtyp", "app"), ("azp", "soar-prod"), ("roles", "SecurityOperator"))));
    }

    [Fact]
    public void TheClientIs_ClientIdFirst_ThenAzp()
    {
        Assert.Equal("a", ApiClaims.ClientOf(Token(("client_id", "a"), ("azp", "b"))));
        Assert.Equal("b", ApiClaims.ClientOf(Token(("azp", "b"))));
        Assert.Null(ApiClaims.ClientOf(Token(("sub", "c"))));
    }
}
