using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Antiforgery;
using NhiPortal.Core.Access;

namespace NhiPortal.Web.Auth;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapNhiAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account");
        account.MapGet("/signin", (string? returnUrl) => Results.Challenge(
                new AuthenticationProperties { RedirectUri = LocalReturnUrl.OrRoot(returnUrl) },
                [OpenIdConnectDefaults.AuthenticationScheme]))
            .AllowAnonymous();

        // A POST with an antiforgery token, so another site cannot sign a user out.
        account.MapPost("/signout", async (HttpContext http, ISignInRecorder recorder, IAntiforgery antiforgery) =>
        {
            // Validated here, whatever the content type: the middleware only checks form posts.
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest("The sign-out request did not carry a valid antiforgery token.");
            }
            await recorder.RecordSignOutAsync(PortalClaims.ToPortalUser(http.User), http.RequestAborted);
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/signed-out" },
                [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);
        }).DisableAntiforgery();
        return app;
    }
}
