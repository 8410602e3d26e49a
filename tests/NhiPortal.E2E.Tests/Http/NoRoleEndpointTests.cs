using System.Net;

namespace NhiPortal.E2E.Tests.Http;

/// <summary>The demo account <c>visitor</c> holds no role: every download and the notifications page give it nothing.</summary>
[Collection(PortalCollection.Name)]
public class NoRoleEndpointTests(PortalHost host)
{
    [Theory]
    [InlineData("/reports/credential-hygiene?format=csv")]
    [InlineData("/reports/audit-extract?format=xlsx")]
    [InlineData("/reports/access-review?format=xlsx&campaign=3f1c0000-0000-0000-0000-000000000001")]
    [InlineData("/import/template/identities?format=csv")]
    [InlineData("/import/template/staff?format=xlsx")]
    public async Task ADownload_AsAPersonWithNoRole_IsRefused_WithNoFile(string path)
    {
        using var session = new CookieSession(host.BaseUrl);
        await DevSignIn.SignInAsync(session, "/account/signin?returnUrl=%2Fno-access", "visitor");

        var response = await session.GetAsync(path);

        Assert.False(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{path} answered {(int)response.StatusCode}");
        Assert.Null(response.Content.Headers.ContentDisposition);
    }

    [Fact]
    public async Task TheNotificationsPage_AsAPersonWithNoRole_ShowsNoInbox()
    {
        using var session = new CookieSession(host.BaseUrl);
        await DevSignIn.SignInAsync(session, "/account/signin?returnUrl=%2Fno-access", "visitor");

        var response = await session.GetAsync("/notifications");
        var body = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("data-testid=\"notification-list\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"no-notifications\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"notification-bell\"", body, StringComparison.Ordinal);
    }
}
