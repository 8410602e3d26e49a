using NhiPortal.Core.Import;
using NhiPortal.Web.Auth;

namespace NhiPortal.Web.Features.Import;

public static class ImportEndpoints
{
    /// <summary>GET /import/template/{identities|credentials|staff}?format=csv|xlsx: the documented layout with one example row.</summary>
    public static IEndpointRouteBuilder MapNhiImportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/import/template/{kind}", async (string kind, string? format, IImportService imports, RequestCaller caller, HttpContext http) =>
            {
                // The service checks the caller itself; outside a circuit it is the request's user.
                caller.User = http.User;
                if (!Enum.TryParse<ImportKind>(kind, ignoreCase: true, out var parsedKind) || !Enum.IsDefined(parsedKind)
                    || !Enum.TryParse<TemplateFormat>(format ?? "csv", ignoreCase: true, out var parsedFormat) || !Enum.IsDefined(parsedFormat))
                {
                    return Results.NotFound();
                }
                var template = await imports.TemplateAsync(parsedKind, parsedFormat);
                return Results.File(template.Content, template.ContentType, template.FileName);
            })
            .RequireAuthorization(Policies.Import);
        return app;
    }
}
