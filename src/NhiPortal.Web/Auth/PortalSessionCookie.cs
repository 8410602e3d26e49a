using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using NhiPortal.Infrastructure.Access;

namespace NhiPortal.Web.Auth;

/// <summary>
/// The portal's session cookie: Secure outside a developer's loopback http, sliding, and ended at an absolute age
/// however active the session was (sliding renewal alone would keep a stolen cookie alive forever), or as soon as the
/// staff directory marks the person as left (the roles in the cookie are the IdP's at sign-in and would outlive that).
/// </summary>
public static class PortalSessionCookie
{
    /// <summary>When the person signed in (Unix seconds); kept in the ticket across sliding renewals.</summary>
    public const string SignedInItem = ".nhi.signed-in";

    public static void Configure(CookieAuthenticationOptions o, SessionSettings settings, bool isDevelopment)
    {
        o.Cookie.Name = AuthenticationSetup.SessionCookie;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        // Development runs on loopback http (a trustworthy origin); everywhere else the cookie never travels in clear.
        o.Cookie.SecurePolicy = isDevelopment ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        o.ExpireTimeSpan = settings.SlidingLifetime;
        o.SlidingExpiration = true;
        o.AccessDeniedPath = "/no-access";
        o.Events.OnSigningIn = context =>
        {
            context.Properties.Items[SignedInItem] = Now(context.Options).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        };
        o.Events.OnValidatePrincipal = context => ValidateAsync(context, settings.AbsoluteLifetime);
    }

    /// <summary>
    /// Rejects (and deletes) a session older than <paramref name="absoluteLifetime"/>, one with no sign-in time, or one
    /// of a person the staff directory marks as left (audited).
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context, TimeSpan absoluteLifetime)
    {
        if (!IsWithinAbsoluteLifetime(context.Properties, Now(context.Options), absoluteLifetime))
        {
            await RejectAsync(context);
            return;
        }
        var user = PortalClaims.ToPortalUser(context.Principal!);
        var services = context.HttpContext.RequestServices;
        var ct = context.HttpContext.RequestAborted;
        if (!user.IsAuthenticated)
        {
            return;
        }
        if (await services.GetRequiredService<DepartedStaffCheck>().HasLeftAsync(user.Subject, ct))
        {
            await RejectAsync(context);
            await services.GetRequiredService<IStaffDirectoryStanding>().RecordSessionRefusedAsync(user, "session cookie", ct);
            return;
        }
        services.GetRequiredService<RequestStanding>().Admit(user.Subject);
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }

    public static bool IsWithinAbsoluteLifetime(AuthenticationProperties properties, DateTimeOffset now, TimeSpan absoluteLifetime) =>
        properties.Items.TryGetValue(SignedInItem, out var text)
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && now - DateTimeOffset.FromUnixTimeSeconds(seconds) < absoluteLifetime;

    private static DateTimeOffset Now(CookieAuthenticationOptions options) => (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
}
