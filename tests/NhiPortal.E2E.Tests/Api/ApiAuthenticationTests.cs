using System.Net;
using System.Net.Http.Headers;

namespace NhiPortal.E2E.Tests.Api;

/// <summary>Bearer tokens only, checked against the IdP; a machine is refused with a challenge and a problem detail, never redirected.</summary>
[Collection(ApiPortalCollection.Name)]
public class ApiAuthenticationTests(ApiPortalHost host)
{
    [Theory]
    [InlineData("GET", "/api/v1/identities")]
    [InlineData("POST", "/api/v1/revocations")]
    [InlineData("GET", "/api/v1/audit-events")]
    public async Task WithoutAToken_Is401WithABearerChallenge_NotARedirect(string method, string path)
    {
        using var http = ApiClient.Anonymous(host);

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", null, "application/json") });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (await ApiClient.JsonAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ATamperedSignature_IsRefusedAsAnInvalidToken()
    {
        var token = await ApiClient.TokenAsync(host, "nhi-automation-auditor");
        var parts = token.Split('.');
        var signature = parts[2].ToCharArray();
        signature[5] = signature[5] == 'A' ? 'B' : 'A';
        using var http = ApiClient.Anonymous(host);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"{parts[0]}.{parts[1]}.{new string(signature)}");

        using var response = await http.GetAsync("/api/v1/identities");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.Single().Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenForAnotherAudience_IsRefused()
    {
        // The portal's connector client gets tokens for the provider's admin API, not for the portal's API.
        var token = await ApiClient.TokenAsync(host, "nhiportal-connector", PortalHost.ConnectorSecret);
        using var http = ApiClient.Anonymous(host);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await http.GetAsync("/api/v1/identities");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("audience", (await ApiClient.JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AStaffSessionCookie_DoesNotOpenTheApi()
    {
        using var session = new Http.CookieSession(host.BaseUrl);
        await Http.DevSignIn.SignInAsync(session, "/account/signin?returnUrl=%2F", "operator");

        using var response = await session.GetAsync("/api/v1/identities");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AReviewerClient_MayNotRevoke_AndSeesOnlyWhatItsOwnerOwns()
    {
        using var reviewer = await ApiClient.ForAsync(host, "nhi-automation-reviewer");

        using var revoke = await reviewer.PostAsync("/api/v1/revocations", Json("""{"reason":"INC-9 reviewer tries","identityId":"00000000-0000-0000-0000-000000000001"}"""));
        using var list = await reviewer.GetAsync("/api/v1/identities?limit=500");

        Assert.Equal(HttpStatusCode.Forbidden, revoke.StatusCode);
        Assert.Equal("application/problem+json", revoke.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        // The Reviewer scoping is its owner's (the demo administrator): exactly the identities that person owns, and some.
        var owned = await host.CountAsync("SELECT COUNT(*) FROM Identities i JOIN StaffMembers s ON s.Id = i.OwnerId WHERE s.Subject = 'demo-admin'");
        var names = (await ApiClient.JsonAsync(list)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();
        Assert.True(owned is > 0 and < 500, $"the demo administrator owns {owned}");
        Assert.Equal(owned, names.Count);
        Assert.Contains("nhi-automation-reviewer", names);
    }

    [Fact]
    public async Task TheOpenApiDocument_DescribesEveryEndpointAndTheBearerScheme()
    {
        using var http = ApiClient.Anonymous(host);

        var document = await ApiClient.JsonAsync(await http.GetAsync("/openapi/v1.json"));

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var expected in new[] { "/api/v1/identities", "/api/v1/identities/{id}", "/api/v1/credentials", "/api/v1/revocations",
                     "/api/v1/revocations/{id}", "/api/v1/revocations/{id}/steps", "/api/v1/approvals/{id}", "/api/v1/campaigns", "/api/v1/campaigns/{id}", "/api/v1/review-items",
                     "/api/v1/review-items/{id}/decision", "/api/v1/audit-events", "/api/v1/usage-events", "/api/v1/leaks" })
        {
            Assert.Contains(expected, paths);
        }
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task AnUnknownApiPath_IsAProblemDetail_NotTheSignInRedirect()
    {
        using var operatorClient = await ApiClient.ForAsync(host, "nhi-automation-operator");

        using var response = await operatorClient.GetAsync("/api/v1/identities/not-a-guid");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OutsideTheApi_ABadQueryValue_IsStillA400_NotAnError()
    {
        // Binding failures throw for the API's sake; the development provider's admin endpoints must still answer 400.
        using var http = ApiClient.Anonymous(host);

        using var response = await http.GetAsync("/admin/realms/nhiportal/clients?first=abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    internal static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
