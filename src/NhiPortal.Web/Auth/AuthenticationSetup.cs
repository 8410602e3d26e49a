using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using NhiPortal.Core.Access;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Web.Api;
using NhiPortal.Web.DevIdentityProvider;

namespace NhiPortal.Web.Auth;

/// <summary>Cookie session + OpenID Connect (authorization code with PKCE) against the organisation's IdP.</summary>
public static class AuthenticationSetup
{
    public const string SessionCookie = "nhiportal.session";

    /// <summary>Where a sign-in of someone the staff directory marks as left ends.</summary>
    public const string LeftOrganisationPath = "/left-organisation";

    public static IHostApplicationBuilder AddNhiAuthentication(this IHostApplicationBuilder builder)
    {
        var settings = OidcSettings.FromConfiguration(builder.Configuration);
        if (settings.Authority is null)
        {
            // No IdP configured: only a developer's machine may fall back to the built-in provider.
            // Its addresses are the demo organisation's own: trusted without an email_verified claim.
            settings = builder.AddNhiDevelopmentIdentityProvider(settings) with { TrustUnverifiedEmail = true };
        }
        settings.Validate();
        builder.Services.AddSingleton(settings);
        // Until an administrator saves a role map in the portal, the configuration's is in force.
        builder.Services.AddSingleton(new Infrastructure.Access.ConfiguredRoleMap(settings.RoleMap));
        var session = SessionSettings.FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(session);
        builder.Services.AddSingleton<UnmappedRoleLog>();
        if (!builder.Environment.IsDevelopment())
        {
            builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        }

        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(o => PortalSessionCookie.Configure(o, session, builder.Environment.IsDevelopment()))
            .AddOpenIdConnect(o => ConfigureOpenIdConnect(o, settings));

        // Machines call /api/v1 with bearer tokens from the same IdP; the development provider holds its demo clients itself.
        builder.AddNhiApi(settings, settings.IsDevelopmentProvider ? DevIdentityProviderSetup.ConnectorName : null);
        builder.Services.AddAuthorization(o => o.AddNhiPolicies());
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddSingleton<IStaffDirectoryStanding, StaffDirectoryStanding>();
        builder.Services.AddSingleton<DepartedStaffCheck>();
        builder.Services.AddScoped<AuthenticationStateProvider, StaffRevalidatingAuthenticationStateProvider>();
        builder.Services.AddScoped<RequestCaller>();
        builder.Services.AddScoped<RequestStanding>();
        builder.Services.AddScoped<ICurrentUser, CurrentUser>();
        return builder;
    }

    private static void ConfigureOpenIdConnect(OpenIdConnectOptions o, OidcSettings settings)
    {
        o.Authority = settings.Authority;
        o.ClientId = settings.ClientId;
        o.ClientSecret = settings.ClientSecret;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.UsePkce = true;
        o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        o.MapInboundClaims = false;
        o.GetClaimsFromUserInfoEndpoint = settings.GetClaimsFromUserInfoEndpoint;
        // Only the id_token is kept (for the IdP's logout hint); access and refresh tokens are never stored.
        o.SaveTokens = false;
        o.Scope.Clear();
        foreach (var scope in new[] { "openid", "profile", "email" }.Concat(settings.Scopes).Distinct(StringComparer.Ordinal))
        {
            o.Scope.Add(scope);
        }
        o.TokenValidationParameters.NameClaimType = "name";
        o.TokenValidationParameters.RoleClaimType = settings.RoleClaimType;
        o.SignedOutRedirectUri = "/signed-out";
        // Every place the handler redirects to after a round trip takes a local path only.
        o.Events.OnRedirectToIdentityProvider = context =>
        {
            context.Properties.RedirectUri = LocalReturnUrl.OrRoot(context.Properties.RedirectUri);
            return Task.CompletedTask;
        };
        o.Events.OnTicketReceived = context =>
        {
            context.ReturnUri = LocalReturnUrl.OrRoot(context.ReturnUri);
            return Task.CompletedTask;
        };
        o.Events.OnSignedOutCallbackRedirect = context =>
        {
            if (context.Properties is { } properties)
            {
                properties.RedirectUri = LocalReturnUrl.OrRoot(properties.RedirectUri);
            }
            return Task.CompletedTask;
        };
        o.Events.OnTokenValidated = async context =>
        {
            var unmapped = new List<string>();
            var roleMap = await context.HttpContext.RequestServices.GetRequiredService<Infrastructure.Access.RoleMapStore>().CurrentAsync(context.HttpContext.RequestAborted);
            var principal = PortalClaims.FromIdentityProvider(context.Principal!, settings, unmapped, roleMap);
            context.HttpContext.RequestServices.GetRequiredService<UnmappedRoleLog>().Report(unmapped);
            context.Principal = principal;
            if (context.TokenEndpointResponse?.IdToken is { } idToken)
            {
                context.Properties!.StoreTokens([new AuthenticationToken { Name = "id_token", Value = idToken }]);
            }
            var services = context.HttpContext.RequestServices;
            var user = PortalClaims.ToPortalUser(principal);
            // Records the sign-in, or audits the refusal of someone marked as left.
            await services.GetRequiredService<ISignInRecorder>().RecordSignInAsync(user, context.HttpContext.RequestAborted);
            if (await services.GetRequiredService<DepartedStaffCheck>().RefreshAsync(user.Subject, context.HttpContext.RequestAborted))
            {
                // No session is issued: the IdP still vouches for the person, but the staff directory says they left.
                context.Response.Redirect(LeftOrganisationPath);
                context.HandleResponse();
            }
        };
        o.Events.OnRemoteFailure = context =>
        {
            // A cancelled or failed sign-in at the IdP gets a readable page, not an exception screen.
            var message = Uri.EscapeDataString(context.Failure?.Message ?? "Sign-in failed.");
            context.Response.Redirect($"/sign-in-failed?reason={message}");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }
}
