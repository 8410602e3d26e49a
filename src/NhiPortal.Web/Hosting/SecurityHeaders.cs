using NhiPortal.Web.Auth;

namespace NhiPortal.Web.Hosting;

/// <summary>
/// The security headers, set on every response just before it starts (pages, health, downloads, redirects, static
/// assets, status pages and errors alike), whatever middleware wrote it.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// OpenIddict's form_post page submits itself with this one inline script (<c>document.form.submit();</c>);
    /// it is allowed by its hash, and only on the development provider's own <c>/connect</c> endpoints.
    /// </summary>
    public const string FormPostScriptHash = "'sha256-j7OoGArf6XW6YY4cAyS3riSSvrJRqpSi1fOF9vQ5SrI='";

    /// <summary>
    /// Blazor Server and MudBlazor with no inline script. Styles need 'unsafe-inline': MudBlazor's theme provider
    /// writes a style element and its components set style attributes. 'self' covers the circuit's WebSocket
    /// (CSP 3 matches ws: and wss: on the page's own host). The sign-out form post ends at the IdP, hence its origin
    /// in form-action.
    /// </summary>
    public static string ContentSecurityPolicy(OidcSettings settings, bool allowFormPostScript = false, IEnumerable<Uri>? portalOrigins = null)
    {
        var formAction = "'self'";
        if (Uri.TryCreate(settings.Authority, UriKind.Absolute, out var authority))
        {
            formAction += " " + authority.GetLeftPart(UriPartial.Authority);
        }
        // The development provider's form_post also ends at the portal's other origins (behind a proxy).
        foreach (var origin in portalOrigins ?? [])
        {
            formAction += " " + origin.GetLeftPart(UriPartial.Authority);
        }
        return string.Join("; ",
            "default-src 'self'",
            allowFormPostScript ? $"script-src 'self' {FormPostScriptHash}" : "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            $"form-action {formAction}");
    }

    public static WebApplication UseNhiSecurityHeaders(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<OidcSettings>();
        var policy = ContentSecurityPolicy(settings);
        var providerPolicy = settings.IsDevelopmentProvider
            ? ContentSecurityPolicy(settings, allowFormPostScript: true, app.Services.GetService<DevIdentityProvider.DevIdentityProviderOptions>()?.PortalOrigins)
            : null;
        app.Use((context, next) =>
        {
            var csp = providerPolicy is not null && context.Request.Path.StartsWithSegments("/connect") ? providerPolicy : policy;
            // OnStarting, not now: the exception handler and status-code pages clear headers before they write.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = csp;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers.XFrameOptions = "DENY";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
