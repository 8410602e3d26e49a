using System.Net;
using System.Text.RegularExpressions;

namespace NhiPortal.E2E.Tests.Http;

/// <summary>The authorization-code flow against the development provider, step by step, as a browser walks it.</summary>
internal static partial class DevSignIn
{
    /// <summary>
    /// Starts at <paramref name="startPath"/> (a page or <c>/account/signin?returnUrl=…</c>), signs in as
    /// <paramref name="account"/> and returns the portal's answer to the provider's form post to <c>/signin-oidc</c>.
    /// </summary>
    public static async Task<HttpResponseMessage> SignInAsync(CookieSession session, string startPath, string account = "admin")
    {
        var toProvider = await session.GetAsync(startPath);
        var toLogin = await FollowAsync(session, toProvider);
        var loginPage = await FollowAsync(session, toLogin);
        var html = await loginPage.Content.ReadAsStringAsync();
        // On the provider's origin, which is the portal's own only when the portal hosts it.
        var backToAuthorize = await session.PostAsync(new Uri(loginPage.RequestMessage!.RequestUri!, "/dev-idp/login").ToString(),
        [
            new("__RequestVerificationToken", Hidden(html, "__RequestVerificationToken")),
            new("returnUrl", Hidden(html, "returnUrl")),
            new("userName", account),
            new("password", "demo"),
        ]);
        Assert.True(backToAuthorize.StatusCode == HttpStatusCode.Redirect, $"login answered {(int)backToAuthorize.StatusCode}");
        var formPost = await FollowAsync(session, backToAuthorize);
        var form = await formPost.Content.ReadAsStringAsync();
        var action = WebUtility.HtmlDecode(FormAction().Match(form).Groups[1].Value);
        var fields = HiddenInput().Matches(form).Select(m => KeyValuePair.Create(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)));
        return await session.PostAsync(action, fields.ToArray());
    }

    /// <summary>The antiforgery token and return URL of the provider's login form.</summary>
    public static async Task<(string Token, string ReturnUrl)> OpenLoginFormAsync(CookieSession session)
    {
        var page = await session.GetAsync("/dev-idp/login");
        var html = await page.Content.ReadAsStringAsync();
        return (Hidden(html, "__RequestVerificationToken"), Hidden(html, "returnUrl"));
    }

    private static async Task<HttpResponseMessage> FollowAsync(CookieSession session, HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found,
            $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, not a redirect");
        return await session.GetAsync(new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!).ToString());
    }

    private static string Hidden(string html, string name)
    {
        var match = Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        Assert.True(match.Success, $"no hidden field {name} in:\n{html}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();
}
