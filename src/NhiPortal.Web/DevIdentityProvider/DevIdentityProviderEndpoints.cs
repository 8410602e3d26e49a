using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using NhiPortal.Core.Access;
using NhiPortal.Core.Inventory;
using NhiPortal.Web.Hosting;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NhiPortal.Web.DevIdentityProvider;

/// <summary>The development provider's own pages: its login form, and the authorize and end-session passthroughs.</summary>
public static class DevIdentityProviderEndpoints
{
    public static IEndpointRouteBuilder MapNhiDevelopmentIdentityProvider(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetService<DevIdentityProviderOptions>() is null)
        {
            return app;
        }
        app.MapMethods("/connect/authorize", ["GET", "POST"], (Delegate)AuthorizeAsync).AllowAnonymous().DisableAntiforgery();
        app.MapMethods("/connect/endsession", ["GET", "POST"], (Delegate)EndSessionAsync).AllowAnonymous().DisableAntiforgery();
        app.MapPost("/connect/token", (Delegate)TokenAsync).AllowAnonymous().DisableAntiforgery();
        app.MapPost(DevIdentityProviderSetup.TokenPath(app.ServiceProvider.GetRequiredService<DevIdentityProviderOptions>().Realm), (Delegate)TokenAsync)
            .AllowAnonymous().DisableAntiforgery();
        DevKeycloakAdminEndpoints.Map(app);
        app.MapGet("/dev-idp/login", (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            LoginPage(http, antiforgery, SafeReturnUrl(returnUrl), error: null)).AllowAnonymous();
        app.MapPost("/dev-idp/login", SignInAsync).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        var session = await http.AuthenticateAsync(DevIdentityProviderSetup.CookieScheme);
        var account = session.Succeeded ? FindAccount(session.Principal!.FindFirst(Claims.Subject)?.Value) : null;
        if (account is null || request.HasPromptValue(PromptValues.Login))
        {
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + http.Request.QueryString },
                [DevIdentityProviderSetup.CookieScheme]);
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, account.Subject)
            .SetClaim(Claims.Name, account.DisplayName)
            .SetClaim(Claims.PreferredUsername, account.UserName)
            .SetClaim(Claims.Email, account.Email)
            .SetClaims("roles", account.Role is { } role ? [role.ToString()] : []);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// Code and refresh grants carry the principal OpenIddict already validated; a client-credentials grant (a
    /// workload) gets a token whose subject is the client and whose audience is the portal's connector, the security
    /// control plane that may introspect and revoke it.
    /// </summary>
    private static async Task<IResult> TokenAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        var clients = http.RequestServices.GetRequiredService<DevRealmClients>();
        if (request.ClientId is { } caller && !clients.Get(caller).Enabled)
        {
            return Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.UnauthorizedClient,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "Client disabled",
            }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }
        if (request.IsClientCredentialsGrantType())
        {
            await RecordClientLoginAsync(http, request.ClientId!);
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, request.ClientId!).SetClaim(Claims.Name, request.ClientId!);
            identity.SetScopes(request.GetScopes());
            if (DevAutomationClients.RoleOf(request.ClientId) is { } role)
            {
                // An automation client calls the portal's API, with its role in the claim staff roles come in.
                identity.SetAudiences(http.RequestServices.GetRequiredService<DevIdentityProviderOptions>().ApiAudience);
                identity.SetClaim("roles", role.ToString());
            }
            else
            {
                identity.SetAudiences(DevIdentityProviderSetup.ConnectorClientId);
            }
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return Results.SignIn(result.Principal!, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        return Results.BadRequest(new { error = Errors.UnsupportedGrantType });
    }

    /// <summary>Keycloak's CLIENT_LOGIN event: OpenIddict has authenticated the client by the time the passthrough runs.</summary>
    private static async Task RecordClientLoginAsync(HttpContext http, string clientId)
    {
        var application = await http.RequestServices.GetRequiredService<IOpenIddictApplicationManager>().FindByClientIdAsync(clientId);
        var applicationId = application is null ? null : await http.RequestServices.GetRequiredService<IOpenIddictApplicationManager>().GetIdAsync(application);
        var options = http.RequestServices.GetRequiredService<DevIdentityProviderOptions>();
        var address = http.Connection.RemoteIpAddress;
        var ip = address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
        http.RequestServices.GetRequiredService<DevRealmEvents>().Add(new DevRealmEvent(Guid.NewGuid().ToString(),
            http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeMilliseconds(), "CLIENT_LOGIN", options.Realm, clientId,
            applicationId is null ? null : DevKeycloakAdminEndpoints.ServiceAccountUserId(applicationId), ip?.ToString()));
    }

    private static async Task<IResult> EndSessionAsync(HttpContext http)
    {
        await http.SignOutAsync(DevIdentityProviderSetup.CookieScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/signed-out" },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> SignInAsync(
        HttpContext http, IAntiforgery antiforgery, DevIdentityProviderOptions options, DevSignInLimiter limiter,
        [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        using var lease = limiter.Attempt(http, userName);
        if (!lease.IsAcquired)
        {
            return RateLimits.TooManyRequests(http, lease);
        }
        var target = SafeReturnUrl(returnUrl);
        var account = SyntheticOrganisation.DemoAccounts.FirstOrDefault(a =>
            string.Equals(a.UserName, userName?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (account is null || !string.Equals(password, options.DemoPassword, StringComparison.Ordinal))
        {
            return LoginPage(http, antiforgery, target, "Unknown demo account or wrong password.");
        }
        var identity = new ClaimsIdentity([new Claim(Claims.Subject, account.Subject), new Claim(Claims.Name, account.DisplayName)],
            DevIdentityProviderSetup.CookieScheme);
        await http.SignInAsync(DevIdentityProviderSetup.CookieScheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect(target);
    }

    private static DemoAccount? FindAccount(string? subject) =>
        SyntheticOrganisation.DemoAccounts.FirstOrDefault(a => a.Subject == subject);

    // Only the provider's own authorize endpoint is a valid place to return to, and only as a plain local path.
    private static string SafeReturnUrl(string? returnUrl) =>
        LocalReturnUrl.IsLocal(returnUrl)
        && (returnUrl == "/connect/authorize" || returnUrl.StartsWith("/connect/authorize?", StringComparison.Ordinal))
            ? returnUrl : "/";

    private static IResult LoginPage(HttpContext http, IAntiforgery antiforgery, string returnUrl, string? error)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var options = http.RequestServices.GetRequiredService<DevIdentityProviderOptions>();
        var rows = new StringBuilder();
        foreach (var a in SyntheticOrganisation.DemoAccounts)
        {
            rows.Append("<tr><td><code>").Append(WebUtility.HtmlEncode(a.UserName)).Append("</code></td><td>")
                .Append(WebUtility.HtmlEncode(a.DisplayName)).Append("</td><td>")
                .Append(a.Role?.ToString() ?? "<em>no portal role</em>").Append("</td></tr>");
        }
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Development sign-in · NhiPortal</title>
            <link rel="icon" href="/assets/img/favicon.svg"><link rel="stylesheet" href="/assets/css/dev-idp.css"></head>
            <body><main class="card">
              <img src="/assets/img/logo.svg" alt="" class="logo">
              <h1>Development identity provider</h1>
              <p class="notice">This is NhiPortal's <strong>built-in development identity provider</strong>. It runs only in the
              Development environment, on a portal that listens on loopback only, when no organisation IdP is configured (<code>Authentication:Oidc:Authority</code>).
              In production, staff sign in through your organisation's IdP.</p>
              {(error is null ? "" : $"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>")}
              <form method="post" action="/dev-idp/login">
                <input type="hidden" name="{tokens.FormFieldName}" value="{WebUtility.HtmlEncode(tokens.RequestToken)}">
                <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}">
                <label>Demo account <input name="userName" id="userName" autocomplete="username" required autofocus></label>
                <label>Password <input name="password" id="password" type="password" autocomplete="current-password" required></label>
                <button type="submit" id="sign-in">Sign in</button>
              </form>
              <h2>Demo accounts</h2>
              <p>Every demo account uses the password <code>{WebUtility.HtmlEncode(options.DemoPassword)}</code>.</p>
              <table><thead><tr><th>Account</th><th>Name</th><th>Portal role</th></tr></thead><tbody>{rows}</tbody></table>
            </main></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
