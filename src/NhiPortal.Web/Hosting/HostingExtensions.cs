using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using MudBlazor.Services;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Web.Api;
using NhiPortal.Web.Auth;
using NhiPortal.Web.Components;
using NhiPortal.Web.DevIdentityProvider;
using NhiPortal.Web.Features.Import;
using NhiPortal.Web.Features.Reports;

namespace NhiPortal.Web.Hosting;

public static class HostingExtensions
{
    /// <summary>In Development, also reads the repository's top-level appsettings.Development.json.</summary>
    public static IHostApplicationBuilder AddNhiConfiguration(this IHostApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment())
        {
            for (var dir = new DirectoryInfo(builder.Environment.ContentRootPath); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "NhiPortal.sln")))
                {
                    // Right after the project's own appsettings.Development.json, so environment variables and the command line still win.
                    var sources = builder.Configuration.Sources;
                    var anchor = sources.OfType<JsonConfigurationSource>().LastOrDefault(s => s.Path == "appsettings.Development.json");
                    sources.Insert(anchor is null ? sources.Count : sources.IndexOf(anchor) + 1, new JsonConfigurationSource
                    {
                        Path = "appsettings.Development.json",
                        Optional = true,
                        FileProvider = new PhysicalFileProvider(dir.FullName),
                    });
                    break;
                }
            }
        }
        return builder;
    }

    public static IHostApplicationBuilder AddNhiUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        return builder;
    }

    public static WebApplication UseNhiPipeline(this WebApplication app)
    {
        app.UseNhiForwardedHeaders();
        // Next, so every response below carries the headers, errors and redirects included.
        app.UseNhiSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        // Binding failures throw (the API needs them to name the field); elsewhere they are the 400 they always were.
        app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            catch (BadHttpRequestException ex) when (!http.Response.HasStarted)
            {
                // Answered here, not re-executed as a page: the re-run would meet the same bad request (an invalid
                // antiforgery token, an unreadable form) again.
                if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
                {
                    pages.Enabled = false;
                }
                http.Response.StatusCode = ex.StatusCode;
                await http.Response.WriteAsync("The request could not be read.");
            }
        });
        // Machines get problem details from /api, never the HTML error and not-found pages.
        app.UseNhiApiErrors();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot-assets")),
            RequestPath = "/assets",
        });
        app.UseAuthentication();
        // After authentication, so a limit counts per signed-in person rather than per address.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/health", new HealthCheckOptions()).AllowAnonymous();
        // For a proxy or orchestrator: live = the process answers (restart it if not); ready = database reachable,
        // migrations current, follow-ups not stalled (send it traffic only then). Status words only, no details.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Ready) }).AllowAnonymous();
        app.MapStaticAssets().AllowAnonymous();
        app.MapNhiDevelopmentIdentityProvider();
        app.MapNhiAccountEndpoints();
        app.MapNhiImportEndpoints();
        app.MapNhiReportEndpoints();
        app.MapNhiApi();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>Prints where the portal listens and, with the development provider, how to sign in.</summary>
    public static WebApplication PrintNhiBanner(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var dev = app.Services.GetService<DevIdentityProviderOptions>();
            var lines = new List<string> { "", "NhiPortal is running. Open:" };
            lines.AddRange(addresses.Select(a => $"  {a}"));
            if (dev is not null)
            {
                lines.Add("The built-in development identity provider is on: Development environment, listening on loopback only " +
                    "(it refuses to start otherwise; set Authentication:Oidc:Authority for a real IdP).");
                lines.Add($"Sign in through the built-in development identity provider (password for every account: {dev.DemoPassword}):");
                lines.AddRange(SyntheticOrganisation.DemoAccounts.Select(a =>
                    $"  {a.UserName,-10} {a.DisplayName,-16} {a.Role?.ToString() ?? "(no portal role: sees the no-access page)"}"));
                // The secret itself is never printed (console output ends up in logs): it is in a file only this user can read.
                lines.Add($"API ({dev.Issuer}openapi/v1.json): client credentials at {dev.Issuer}connect/token with the secret in " +
                    $"{dev.AutomationSecretFile ?? "DevIdentityProvider:AutomationSecret (as you set it)"} for each of:");
                lines.AddRange(DevAutomationClients.All.Select(c => $"  {c.ClientId,-24} {c.Role}"));
            }
            lines.Add("");
            Console.WriteLine(string.Join(Environment.NewLine, lines));
        });
        return app;
    }
}
