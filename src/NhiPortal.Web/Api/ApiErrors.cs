using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Reviews;

namespace NhiPortal.Web.Api;

/// <summary>
/// The API's own error path: every failure becomes a problem detail (never the HTML error or not-found page), and
/// input the binder refuses names its field without echoing the value or naming .NET types.
/// </summary>
public sealed partial class ApiErrors(RequestDelegate next, ILogger<ApiErrors> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
        try
        {
            await next(http);
            // The binder answers these itself, with an empty body.
            if (http.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && !http.Response.HasStarted)
            {
                await ApiProblem.WriteAsync(http, 413, "Request too large", "The request body is larger than this endpoint accepts.");
            }
        }
        catch (Exception ex) when (!http.Response.HasStarted && Map(ex) is var (status, title, detail, field))
        {
            if (status >= 500)
            {
                logger.LogError(ex, "API call {Method} {Path} failed", http.Request.Method, http.Request.Path);
            }
            await ApiProblem.WriteAsync(http, status, title, detail, field);
        }
    }

    private static (int Status, string Title, string Detail, string? Field) Map(Exception ex) => ex switch
    {
        AccessDeniedException denied => (403, "Forbidden", denied.Message, null),
        NotFoundException notFound => (404, "Not found", notFound.Message, null),
        ValidationException invalid => (422, "Unprocessable request", invalid.Message, null),
        EditConflictException conflict => (409, "Conflict", conflict.Message, null),
        ReviewConflictException conflict => (409, "Conflict", conflict.Message, null),
        Core.Approvals.ApprovalRequiredException approval => (409, "Approval required", approval.Message, null),
        ApiInputException input => (400, "Bad request", input.Message, input.Field),
        BadHttpRequestException { StatusCode: 413 } => (413, "Request too large", "The request body is larger than this endpoint accepts.", null),
        BadHttpRequestException bad when bad.InnerException is JsonException json => (400, "Bad request", Describe(json), FieldOf(json)),
        BadHttpRequestException bad => (bad.StatusCode, "Bad request", ParameterProblem(bad.Message), ParameterName(bad.Message)),
        OperationCanceledException => (499, "Client closed request", "The request was cancelled.", null),
        _ => (500, "Internal error", "The request failed; it was logged with its trace id.", null),
    };

    private static string? FieldOf(JsonException json)
    {
        if (MissingRequired().Match(json.Message) is { Success: true } missing)
        {
            return missing.Groups[1].Value;
        }
        return json.Path is { Length: > 0 } path && path != "$" ? path.TrimStart('$').TrimStart('.') : null;
    }

    private static string Describe(JsonException json)
    {
        var field = FieldOf(json);
        if (json.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return $"Unknown field \"{UnmappedName().Match(json.Message).Groups[1].Value}\".";
        }
        if (MissingRequired().IsMatch(json.Message))
        {
            return $"The field \"{field}\" is required.";
        }
        return field is null ? "The body is not valid JSON for this endpoint." : $"The field \"{field}\" has the wrong type or format.";
    }

    private static string? ParameterName(string message) => BindFailure().Match(message) is { Success: true } m ? m.Groups[1].Value : null;

    private static string ParameterProblem(string message) =>
        ParameterName(message) is { } name ? $"The parameter \"{name}\" has the wrong type or format." : "The request could not be read.";

    [GeneratedRegex("missing required properties including: '([^']+)'")]
    private static partial Regex MissingRequired();

    [GeneratedRegex("The JSON property '([^']+)'")]
    private static partial Regex UnmappedName();

    [GeneratedRegex("parameter \"[^\"]*? (\\w+)\"")]
    private static partial Regex BindFailure();
}
