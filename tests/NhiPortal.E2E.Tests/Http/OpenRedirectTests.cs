using System.Net;

namespace NhiPortal.E2E.Tests.Http;

/// <summary>Where the portal sends a browser after sign-in: only ever a path on the portal itself.</summary>
[Collection(PortalCollection.Name)]
public class OpenRedirectTests(PortalHost host)
{
    [Theory]
    [InlineData("%2F%09%2Fevil.example")]
    [InlineData("%2F%09%5Cevil.example")]
    [InlineData("%2F%0A%2Fevil.example")]
    [InlineData("%2F%0D%0A%2Fevil.example")]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("%2F%5Cevil.example")]
    [InlineData("https%3A%2F%2Fevil.example")]
    [InlineData("%2F%2509%2Fevil.example")]
    public async Task SignIn_HostileReturnUrl_LandsOnTheRoot(string encodedReturnUrl)
    {
        using var session = new CookieSession(host.BaseUrl);

        var response = await DevSignIn.SignInAsync(session, $"/account/signin?returnUrl={encodedReturnUrl}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.Contains(session.CookieNames, n => n.StartsWith("nhiportal.session", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_LocalReturnUrl_LandsThere()
    {
        using var session = new CookieSession(host.BaseUrl);

        var response = await DevSignIn.SignInAsync(session, $"/account/signin?returnUrl={Uri.EscapeDataString("/audit?stream=Identity")}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/audit?stream=Identity", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignIn_StartedFromAProtectedPage_ReturnsToThatPage()
    {
        using var session = new CookieSession(host.BaseUrl);

        var response = await DevSignIn.SignInAsync(session, "/credentials?tab=shadow");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/credentials?tab=shadow", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/connect/authorize\n//evil.example")]
    [InlineData("/connect/authorize/..//evil.example")]
    [InlineData("//evil.example/connect/authorize")]
    public async Task DevLogin_HostileReturnUrl_RedirectsToTheRoot(string returnUrl)
    {
        using var session = new CookieSession(host.BaseUrl);
        var (token, _) = await DevSignIn.OpenLoginFormAsync(session);

        var response = await session.PostAsync("/dev-idp/login",
            [new("__RequestVerificationToken", token), new("returnUrl", returnUrl), new("userName", "visitor"), new("password", "demo")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }
}
