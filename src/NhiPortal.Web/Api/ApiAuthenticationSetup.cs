using Microsoft.AspNetCore.Authentication.JwtBearer;
using NhiPortal.Web.Auth;

namespace NhiPortal.Web.Api;

/// <summary>
/// Bearer JWTs for <c>/api/v1</c>, validated against the staff sign-in's authority (issuer, audience, lifetime,
/// signature); the caller becomes the NHI behind the client, with roles mapped as for people.
/// </summary>
public static class ApiAuthenticationSetup
{
    public const string Scheme = "ApiBearer";
    public const string Policy = "ApiClient";

    // configureBearer has the last word on the bearer options (the benchmark signs its own tokens with a local key).
    public static IHostApplicationBuilder AddNhiApi(this IHostApplicationBuilder builder, OidcSettings oidc, string? defaultClientStore,
        Action<JwtBearerOptions>? configureBearer = null)
    {
        var settings = ApiSettings.FromConfiguration(builder.Configuration, defaultClientStore);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<ApiClientCheck>();
        builder.Services.AddSingleton<ApiClientUsage>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ApiClientUsage>());
        builder.Services.AddAuthentication().AddJwtBearer(Scheme, o =>
        {
            o.Authority = oidc.Authority;
            o.Audience = settings.Audience;
            o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
            o.MapInboundClaims = false;
            o.TokenValidationParameters.ValidateIssuer = true;
            o.TokenValidationParameters.ValidateAudience = true;
            o.TokenValidationParameters.ValidateLifetime = true;
            o.TokenValidationParameters.RequireExpirationTime = true;
            o.TokenValidationParameters.RequireSignedTokens = true;
            o.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(60);
            o.Events = new JwtBearerEvents
            {
                OnTokenValidated = context => ApiTokenEvents.ValidatedAsync(context, oidc),
                OnChallenge = ApiTokenEvents.ChallengeAsync,
                OnForbidden = ApiTokenEvents.ForbiddenAsync,
            };
            configureBearer?.Invoke(o);
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(ApiClaims.ClientId));
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi("v1", o => ApiDocument.Configure(o, settings));
        return builder;
    }
}
