using System.Net;

namespace NhiPortal.E2E.Tests.Http;

/// <summary>The security headers on every kind of response: pages, health, downloads, redirects, assets, errors.</summary>
[Collection(PortalCollection.Name)]
public class SecurityHeadersTests(PortalHost host)
{
    [Theory]
    [InlineData("/", HttpStatusCode.Redirect)]
    [InlineData("/account/signin?returnUrl=%2Faudit", HttpStatusCode.Redirect)]
    [InlineData("/health", HttpStatusCode.OK)]
    [InlineData("/dev-idp/login", HttpStatusCode.OK)]
    [InlineData("/assets/css/nhi-theme.css", HttpStatusCode.OK)]
    [InlineData("/_framework/blazor.web.js", HttpStatusCode.OK)]
    [InlineData("/.well-known/openid-configuration", HttpStatusCode.OK)]
    public async Task Anonymous_EveryResponse_CarriesTheSecurityHeaders(string path, HttpStatusCode expected)
    {
        using var session = new CookieSession(host.BaseUrl);

        var response = await session.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/identities", HttpStatusCode.OK)]
    [InlineData("/reports/audit-extract?format=csv", HttpStatusCode.OK)]
    [InlineData("/import/template/staff?format=csv", HttpStatusCode.OK)]
    [InlineData("/reports/no-such-report", HttpStatusCode.BadRequest)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("/assets/no-such-file.css", HttpStatusCode.NotFound)]
    public async Task SignedIn_EveryResponse_CarriesTheSecurityHeaders(string path, HttpStatusCode expected)
    {
        using var session = new CookieSession(host.BaseUrl);
        await DevSignIn.SignInAsync(session, "/account/signin");

        var response = await session.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var csp = Header(response, "Content-Security-Policy");
        Assert.NotNull(csp);
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d, StringComparer.Ordinal);
        Assert.Equal("default-src 'self'", directives["default-src"]);
        Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
        Assert.Equal("base-uri 'self'", directives["base-uri"]);
        Assert.Equal("object-src 'none'", directives["object-src"]);
        Assert.StartsWith("script-src 'self'", directives["script-src"], StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", directives["script-src"], StringComparison.Ordinal);
        Assert.StartsWith("form-action 'self'", directives["form-action"], StringComparison.Ordinal);
        Assert.Equal("connect-src 'self'", directives["connect-src"]);
        Assert.Equal("img-src 'self' data:", directives["img-src"]);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values) : null;
}
