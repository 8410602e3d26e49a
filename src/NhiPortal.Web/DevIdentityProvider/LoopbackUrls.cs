namespace NhiPortal.Web.DevIdentityProvider;

/// <summary>Whether every address the portal is configured to listen on is loopback (localhost, 127.0.0.1, [::1]).</summary>
public static class LoopbackUrls
{
    /// <summary>
    /// The configured listening URLs that are not loopback: <c>urls</c> (ASPNETCORE_URLS, <c>--urls</c>),
    /// <c>http_ports</c>/<c>https_ports</c> (every interface) and Kestrel endpoints. Nothing configured is
    /// Kestrel's default, http://localhost:5000.
    /// </summary>
    public static IReadOnlyList<string> NotLoopback(IConfiguration configuration)
    {
        var urls = Split(configuration["urls"])
            .Concat(Split(configuration["http_ports"]).Select(p => $"http://*:{p}"))
            .Concat(Split(configuration["https_ports"]).Select(p => $"https://*:{p}"))
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        return urls.Where(u => !IsLoopback(u)).Distinct(StringComparer.Ordinal).ToArray();
    }

    public static bool IsLoopback(string url)
    {
        // Kestrel reads *, + and 0.0.0.0 as every interface; Uri does not parse the first two at all.
        var host = url.Replace("://*", "://every-interface.invalid", StringComparison.Ordinal)
            .Replace("://+", "://every-interface.invalid", StringComparison.Ordinal);
        return Uri.TryCreate(host, UriKind.Absolute, out var uri) && uri.IsLoopback;
    }

    private static IEnumerable<string> Split(string? value) =>
        (value ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
