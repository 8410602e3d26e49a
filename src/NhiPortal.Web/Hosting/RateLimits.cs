using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;

namespace NhiPortal.Web.Hosting;

/// <summary>
/// ASP.NET Core's rate limiter on report and import-template downloads, per person (the signed-in subject, else the
/// client address); the development provider's login form has its own limiter per address and user name.
/// </summary>
public static class RateLimits
{
    public static IHostApplicationBuilder AddNhiRateLimits(this IHostApplicationBuilder builder)
    {
        var settings = RateLimitSettings.FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // A global limiter keyed by path: the download endpoints belong to their features and stay unaware of it.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => IsDownload(http.Request)
                ? RateLimitPartition.GetFixedWindowLimiter($"download|{PersonKey(http)}", _ => settings.Downloads.ToOptions())
                : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = (context, _) => new ValueTask(TooManyRequests(context.HttpContext, context.Lease).ExecuteAsync(context.HttpContext));
        });
        return builder;
    }

    /// <summary>The signed-in subject, else the client's address.</summary>
    public static string PersonKey(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true && http.User.FindFirstValue("sub") is { } subject
            ? $"sub:{subject}"
            : $"ip:{http.Connection.RemoteIpAddress}";

    /// <summary>429 with RFC 9457 problem details and, when the limiter knows it, Retry-After in seconds.</summary>
    public static IResult TooManyRequests(HttpContext http, RateLimitLease lease)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: $"Too many requests in a short time; try again in {seconds} seconds.");
    }

    // /reports/{kind} and /import/template/{kind}; the pages /reports and /import themselves are not downloads.
    private static bool IsDownload(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && ((request.Path.StartsWithSegments("/reports", out var rest) && rest.Value is { Length: > 1 })
            || request.Path.StartsWithSegments("/import/template"));
}
