using NhiPortal.Core.Access;

namespace NhiPortal.Core.Tests.Access;

public class LocalReturnUrlTests
{
    public static TheoryData<string?> Hostile => new()
    {
        null,
        "",
        "//evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "/\t\\evil.example",
        "/\n/evil.example",
        "/\r\n/evil.example",
        "%2F%2Fevil.example",
        "/%2F/evil.example",
        "%2f%5cevil.example",
        "/%09/evil.example",
        "/%0A/evil.example",
        "/%5C/evil.example",
        "/%252F/evil.example",
        "https://evil.example",
        "http:/evil.example",
        "javascript:alert(1)",
        "evil.example",
        " /evil.example",
        "/ /evil.example",
        "/\u00a0/evil.example",
        "/\u200b/evil.example",
        "/\u0000/evil.example",
        "/audit\\..\\evil",
        "/../evil.example",
        "/a/%2e%2e/%2e%2e//evil.example",
        "/" + new string('a', 5000),
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void OrRoot_HostileInput_GoesToTheRoot(string? returnUrl) =>
        Assert.Equal("/", LocalReturnUrl.OrRoot(returnUrl));

    [Theory]
    [InlineData("/")]
    [InlineData("/audit")]
    [InlineData("/identities/3f2a?kind=ServiceAccount&page=2")]
    [InlineData("/identities?name=svc%20pay")]
    [InlineData("/reviews/12#item-4")]
    [InlineData("/connect/authorize?client_id=nhiportal-dev&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc")]
    public void OrRoot_LocalPath_IsKept(string returnUrl) =>
        Assert.Equal(returnUrl, LocalReturnUrl.OrRoot(returnUrl));
}
