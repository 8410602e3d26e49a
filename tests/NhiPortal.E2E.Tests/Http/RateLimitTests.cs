using System.Net;
using System.Text.Json;

namespace NhiPortal.E2E.Tests.Http;

[Collection(PortalCollection.Name)]
public class RateLimitTests(PortalHost host)
{
    [Fact]
    public async Task DevLogin_TooManyAttemptsForOneUserName_Answers429WithRetryAfter_AndOtherNamesStillWork()
    {
        using var session = new CookieSession(host.BaseUrl);
        var (token, returnUrl) = await DevSignIn.OpenLoginFormAsync(session);
        var userName = $"guess-{Guid.NewGuid():N}";
        KeyValuePair<string, string>[] Attempt(string name) =>
            [new("__RequestVerificationToken", token), new("returnUrl", returnUrl), new("userName", name), new("password", "not-the-password")];

        HttpResponseMessage? refused = null;
        var allowed = 0;
        for (var i = 0; i < 200 && refused is null; i++)
        {
            var response = await session.PostAsync("/dev-idp/login", Attempt(userName));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                allowed++;
            }
        }

        Assert.NotNull(refused);
        Assert.InRange(allowed, 1, 100);
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        // The limit is per address and user name: someone else signing in from here is not locked out.
        var other = await session.PostAsync("/dev-idp/login", Attempt($"other-{Guid.NewGuid():N}"));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
