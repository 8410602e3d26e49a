using System.Globalization;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Reports;
using NhiPortal.Web.Auth;

namespace NhiPortal.Web.Features.Reports;

public static class ReportEndpoints
{
    /// <summary>
    /// GET /reports/{kind}?format=xlsx|csv&amp;from=yyyy-MM-dd&amp;to=yyyy-MM-dd&amp;stream=Identity: the report as a download.
    /// Written to a temporary file first (an .xlsx package needs a seekable stream), then streamed and deleted.
    /// </summary>
    public static IEndpointRouteBuilder MapNhiReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/{kind}", async (string kind, string? format, string? from, string? to, string? stream, string? campaign, IReportService reports,
                RequestCaller caller, HttpContext http) =>
            {
                caller.User = http.User;
                if (!TryParse(kind, format, from, to, stream, campaign, out var request, out var problem))
                {
                    return Results.BadRequest(new { error = problem });
                }
                var path = Path.Combine(Path.GetTempPath(), $"nhiportal-report-{Guid.NewGuid():N}");
                var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
                try
                {
                    var result = await reports.WriteAsync(request!, file, http.RequestAborted);
                    file.Position = 0;
                    http.Response.Headers["X-NhiPortal-Data-Sha256"] = result.DataSha256;
                    return Results.File(file, result.ContentType, result.FileName);
                }
                catch (Exception ex) when (ex is ValidationException or AccessDeniedException or NotFoundException)
                {
                    await file.DisposeAsync();
                    return ex switch
                    {
                        AccessDeniedException => Results.Json(new { error = ex.Message }, statusCode: StatusCodes.Status403Forbidden),
                        NotFoundException => Results.NotFound(new { error = ex.Message }),
                        _ => Results.BadRequest(new { error = ex.Message }),
                    };
                }
                catch
                {
                    await file.DisposeAsync();
                    throw;
                }
            })
            .RequireAuthorization(Policies.Export);

        // A prepared export's file: the service checks the caller asked for it (or may export everything) and may still run the report.
        app.MapGet("/reports/exports/{id:guid}", async (Guid id, IReportExports exports, RequestCaller caller, HttpContext http) =>
            {
                caller.User = http.User;
                try
                {
                    var download = await exports.OpenAsync(id, http.RequestAborted);
                    http.Response.Headers["X-NhiPortal-Data-Sha256"] = download.DataSha256;
                    // The result disposes the stream once it is sent.
                    return Results.File(download.Content, download.ContentType, download.FileName);
                }
                catch (Exception ex) when (ex is ValidationException or AccessDeniedException or NotFoundException)
                {
                    return ex switch
                    {
                        AccessDeniedException => Results.Json(new { error = ex.Message }, statusCode: StatusCodes.Status403Forbidden),
                        NotFoundException => Results.NotFound(new { error = ex.Message }),
                        _ => Results.Conflict(new { error = ex.Message }),
                    };
                }
            })
            .RequireAuthorization(Policies.Export);
        return app;
    }

    internal static bool TryParse(string kind, string? format, string? from, string? to, string? stream, string? campaign,
        out ReportRequest? request, out string? problem)
    {
        request = null;
        problem = null;
        if (ReportCatalog.FindBySlug(kind) is not { } report)
        {
            problem = $"Unknown report: {OneOf(ReportCatalog.All.Select(r => r.Slug))}.";
            return false;
        }
        if (ReportCatalog.FindFormat(format ?? ReportCatalog.Slug(report.Formats[0])) is not { } parsedFormat)
        {
            problem = $"Format is {OneOf(Enum.GetValues<ReportFormat>().Select(ReportCatalog.Slug))}.";
            return false;
        }
        string? dateProblem = null;
        DateTime? Date(string? text, string name)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
            {
                return DateTime.SpecifyKind(date, DateTimeKind.Utc);
            }
            dateProblem ??= $"{name} must be a date as yyyy-MM-dd.";
            return null;
        }
        var fromDate = Date(from, "from");
        // "to" is inclusive of its day.
        var toDate = Date(to, "to")?.AddDays(1);
        problem = dateProblem;
        AuditStream? parsedStream = null;
        if (!string.IsNullOrWhiteSpace(stream))
        {
            if (!Enum.TryParse<AuditStream>(stream, ignoreCase: true, out var s) || !Enum.IsDefined(s))
            {
                problem ??= "Stream is Identity, Credential, Review or Access.";
            }
            else
            {
                parsedStream = s;
            }
        }
        Guid? campaignId = null;
        if (!string.IsNullOrWhiteSpace(campaign))
        {
            if (Guid.TryParse(campaign, out var parsedCampaign))
            {
                campaignId = parsedCampaign;
            }
            else
            {
                problem ??= "campaign must be a campaign id.";
            }
        }
        if (problem is not null)
        {
            return false;
        }
        request = new ReportRequest(report.Kind, parsedFormat, fromDate, toDate, parsedStream, campaignId);
        // The one validation, asked here too so a bad request is refused before a temporary file is made.
        problem = request.Validate();
        return problem is null;
    }

    private static string OneOf(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 1 ? list[0] : $"{string.Join(", ", list.Take(list.Count - 1))} or {list[^1]}";
    }
}
