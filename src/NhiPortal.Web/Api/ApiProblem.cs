using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace NhiPortal.Web.Api;

/// <summary>RFC 9457 problem details, with the offending field named where there is one.</summary>
public static class ApiProblem
{
    public const string ContentType = "application/problem+json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ProblemDetails Create(HttpContext http, int status, string title, string detail, string? field = null)
    {
        var problem = new ProblemDetails
        {
            Type = $"https://httpstatuses.io/{status}",
            Title = title,
            Status = status,
            Detail = detail,
            Instance = http.Request.Path,
        };
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }
        problem.Extensions["traceId"] = http.TraceIdentifier;
        return problem;
    }

    public static async Task WriteAsync(HttpContext http, int status, string title, string detail, string? field = null)
    {
        if (http.Response.HasStarted)
        {
            return;
        }
        http.Response.StatusCode = status;
        http.Response.ContentType = ContentType;
        await JsonSerializer.SerializeAsync(http.Response.Body, Create(http, status, title, detail, field), Json, http.RequestAborted);
    }

    public static IResult Result(HttpContext http, int status, string title, string detail, string? field = null) =>
        Results.Json(Create(http, status, title, detail, field), Json, ContentType, status);

    public static IResult BadRequest(HttpContext http, string field, string detail) => Result(http, StatusCodes.Status400BadRequest, "Bad request", detail, field);
}
