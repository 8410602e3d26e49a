using Microsoft.AspNetCore.Authentication.JwtBearer;
using NhiPortal.Web.Auth;

namespace NhiPortal.Web.Api;

/// <summary>What happens after a token's signature, issuer, audience and lifetime check out, and when one does not.</summary>
internal static class ApiTokenEvents
{
    public static async Task ValidatedAsync(TokenValidatedContext context, OidcSettings oidc)
    {
        var token = context.Principal!;
        if (ApiClaims.ClientOf(token) is not { } clientId)
        {
            context.Fail(new ApiRefusalException("The token names no client (client_id or azp): the API takes client-credentials tokens only."));
            return;
        }
        if (ApiClaims.UserTokenReason(token) is { } person)
        {
            context.Fail(new ApiRefusalException($"The API takes client-credentials tokens only: {person}."));
            return;
        }
        var services = context.HttpContext.RequestServices;
        var standing = await services.GetRequiredService<ApiClientCheck>().GetAsync(clientId, context.HttpContext.RequestAborted);
        if (!standing.Accepted)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger("NhiPortal.Api").LogWarning("API call refused: {Refusal}", standing.Refusal);
            context.Fail(new ApiRefusalException(standing.Refusal!));
            return;
        }
        var unmapped = new List<string>();
        var roleMap = await services.GetRequiredService<Infrastructure.Access.RoleMapStore>().CurrentAsync(context.HttpContext.RequestAborted);
        var roles = roleMap.Map(token.FindAll(oidc.RoleClaimType).Select(c => c.Value), unmapped);
        services.GetRequiredService<UnmappedRoleLog>().Report(unmapped);
        context.Principal = ApiClaims.For(standing, roles);
        services.GetRequiredService<ApiClientUsage>().Record(clientId, context.HttpContext.Connection.RemoteIpAddress);
    }

    /// <summary>401 with the Bearer challenge (RFC 6750) and a problem detail, never a redirect to the sign-in page.</summary>
    public static async Task ChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var description = context.AuthenticateFailure is ApiRefusalException refusal ? refusal.Message
            : context.AuthenticateFailure is not null ? context.ErrorDescription is { Length: > 0 } d ? d : "The bearer token is not valid."
            : "A bearer token from the organisation's identity provider (client credentials) is required.";
        var challenge = context.AuthenticateFailure is null
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{description.Replace("\\", "", StringComparison.Ordinal).Replace("\"", "'", StringComparison.Ordinal)}\"";
        context.Response.Headers.WWWAuthenticate = challenge;
        await ApiProblem.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized", description);
    }

    public static Task ForbiddenAsync(ForbiddenContext context) =>
        ApiProblem.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", "This client may not call this endpoint.");
}
