using NhiPortal.Web.Auth;

namespace NhiPortal.Web.Api;

/// <summary>
/// <c>/api/v1</c>: every endpoint needs an accepted client's bearer token; the services check the role and scope, as
/// for people. Bodies are capped, unknown query parameters refused, errors problem details.
/// </summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api";

    public static WebApplication UseNhiApiErrors(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments(Prefix), branch => branch.UseMiddleware<ApiErrors>());
        return app;
    }

    public static WebApplication MapNhiApi(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<ApiSettings>();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        var api = app.MapGroup($"{Prefix}/v1")
            .RequireAuthorization(ApiAuthenticationSetup.Policy)
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(settings.MaxBodyBytes))
            .AddEndpointFilterFactory(ApiQueryGuard.Create)
            .AddEndpointFilter(async (invocation, next) =>
            {
                // The services read the caller from here, as for downloads.
                invocation.HttpContext.RequestServices.GetRequiredService<RequestCaller>().User = invocation.HttpContext.User;
                return await next(invocation);
            })
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        // Anything else under /api is a problem detail too, never the sign-in redirect the pages' fallback would give.
        app.Map($"{Prefix}/{{**rest}}", (HttpContext http) => ApiProblem.Result(http, StatusCodes.Status404NotFound, "Not found",
                $"No API endpoint {http.Request.Method} {http.Request.Path} (the id may be malformed, or the method not allowed here)."))
            .AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        InventoryApi.Map(api);
        RevocationApi.Map(api);
        ReviewApi.Map(api);
        AuditApi.Map(api);
        UsageApi.Map(api, settings);
        LeakApi.Map(api);
        return app;
    }
}
