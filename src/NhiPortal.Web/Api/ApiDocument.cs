using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace NhiPortal.Web.Api;

/// <summary>The OpenAPI document's cover: what the API is, and the bearer scheme every operation needs.</summary>
public static class ApiDocument
{
    public static void Configure(OpenApiOptions options, ApiSettings settings)
    {
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "NhiPortal automation API",
                Version = "v1",
                Description = "For SOAR playbooks, scripts and collectors. Bearer JWTs from the organisation's identity provider " +
                    $"(client credentials, audience \"{settings.Audience}\"); the client must be an NHI in the portal with an owner " +
                    "and an active credential. Errors are RFC 9457 problem details; lists page with an opaque cursor.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token from the organisation's identity provider, client-credentials grant.",
            };
            var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] };
            foreach (var operation in document.Paths.Values.Where(p => p.Operations is not null).SelectMany(p => p.Operations!.Values))
            {
                operation.Security = [requirement];
            }
            return Task.CompletedTask;
        });
    }
}
