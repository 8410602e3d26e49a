using System.Net;
using Microsoft.Data.Sqlite;

namespace NhiPortal.E2E.Tests.Http;

/// <summary>
/// A person marked as left in the staff directory loses the portal within the revalidation window: their open
/// session and any fresh sign-in are refused, whatever roles the IdP (or the old cookie) still carries.
/// </summary>
public class StaffDepartureSessionTests
{
    private const string Reviewer = "demo-reviewer";

    [Fact]
    public async Task MarkedAsLeft_OpenSessionIsRefusedWithinTheWindow_AndAFreshSignInLandsOnTheRefusalPage()
    {
        await using var portal = new PortalProcess();
        var environment = portal.Environment("Development");
        environment["Authentication__Session__RevalidateSeconds"] = "2";
        environment["Authentication__Session__DirectoryCacheSeconds"] = "2";
        await portal.StartAsync(environment);

        using var session = new CookieSession(portal.BaseUrl);
        var signedIn = await DevSignIn.SignInAsync(session, "/account/signin?returnUrl=%2Fidentities", "reviewer");
        Assert.Equal("/identities", signedIn.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/identities")).StatusCode);

        await ExecuteAsync(portal, $"UPDATE StaffMembers SET IsActive = 0 WHERE Subject = '{Reviewer}'");

        // The same cookie: refused within the cache and revalidation window (2 s here), and sent back to sign in.
        HttpResponseMessage? refused = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline && refused is null; await Task.Delay(500))
        {
            var response = await session.GetAsync("/identities");
            // The page until the window passes, then the refusal; never a request admitted and refused halfway (a 500).
            if (response.StatusCode is not HttpStatusCode.OK)
            {
                refused = response;
            }
        }
        Assert.True(refused?.StatusCode == HttpStatusCode.Redirect, $"{refused?.StatusCode} instead of a redirect to sign in:\n{portal.Output}");
        Assert.StartsWith($"{portal.BaseUrl}/connect/authorize?", refused!.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("nhiportal.session", session.CookieNames);

        // A fresh sign-in: the IdP still vouches for the person, the portal refuses at the handler with a page that says why.
        using var fresh = new CookieSession(portal.BaseUrl);
        var answer = await DevSignIn.SignInAsync(fresh, "/account/signin?returnUrl=%2F", "reviewer");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/left-organisation", answer.Headers.Location?.ToString());
        Assert.DoesNotContain("nhiportal.session", fresh.CookieNames);
        var page = await fresh.GetAsync("/left-organisation");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("marked as having left the organisation", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var dashboard = await fresh.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);

        var refusals = await ScalarAsync(portal, $"SELECT COUNT(*) FROM AuditEvents WHERE Type = 'AccessRefused' AND Actor = '{Reviewer}'");
        Assert.True(refusals >= 2, $"{refusals} refusal events (expected the session's and the sign-in's)");
    }

    private static async Task ExecuteAsync(PortalProcess portal, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={portal.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static async Task<long> ScalarAsync(PortalProcess portal, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={portal.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
