using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace NhiPortal.Web.Hosting;

/// <summary>
/// Behind a reverse proxy (<c>ReverseProxy:KnownProxies</c>, its addresses): the portal takes the scheme and client
/// address the proxy saw from its X-Forwarded-Proto and X-Forwarded-For, so sign-in redirects are https, secure cookies
/// are issued and rate limits and the audit log see the real client. From no other address: anyone could claim to be
/// https or someone else. Without the setting the headers are ignored.
/// </summary>
public static class ReverseProxy
{
    public const string Section = "ReverseProxy";

    public static IHostApplicationBuilder AddNhiReverseProxy(this IHostApplicationBuilder builder)
    {
        var proxies = builder.Configuration.GetSection($"{Section}:KnownProxies").GetChildren().Select(c => c.Value)
            .Concat((builder.Configuration[$"{Section}:KnownProxies"] ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
            .Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => IPAddress.TryParse(v, out var ip) ? ip
                : throw new InvalidOperationException($"{Section}:KnownProxies: '{v}' is not an IP address.")).ToList();
        if (proxies.Count == 0)
        {
            return builder;
        }
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Exactly the configured proxies: the defaults trust every loopback address.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            o.ForwardLimit = 1;
        });
        builder.Services.AddSingleton(new ReverseProxyMarker());
        return builder;
    }

    /// <summary>First in the pipeline, so HTTPS redirection, HSTS, cookies and sign-in see the proxy's scheme.</summary>
    public static WebApplication UseNhiForwardedHeaders(this WebApplication app)
    {
        if (app.Services.GetService<ReverseProxyMarker>() is not null)
        {
            app.UseForwardedHeaders();
        }
        return app;
    }

    private sealed class ReverseProxyMarker;
}
