using NhiPortal.Infrastructure;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Web.Auth;
using NhiPortal.Web.DevIdentityProvider;
using NhiPortal.Web.Hosting;

// SQLite's "async" calls run synchronously: a background count or rescore holds a pool thread for seconds at 1M,
// and on two cores the pool adds threads only slowly, so a page would wait behind it. Start with enough of them.
ThreadPool.GetMinThreads(out var workers, out var completionPorts);
ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(completionPorts, 32));

var builder = WebApplication.CreateBuilder(args);

builder.AddNhiConfiguration();
builder.AddNhiInfrastructure();
builder.AddNhiAuthentication();
builder.AddNhiUi();
builder.AddNhiRateLimits();
builder.AddNhiReverseProxy();
builder.AddNhiTelemetry();

var app = builder.Build();

if (args is ["migrate", ..])
{
    // The explicit migration step of an upgrade: migrate, report, exit with its status.
    return await app.MigrateNhiDatabaseAsync(Console.Out);
}

await app.PrepareNhiDatabaseAsync();
await app.PrepareDevelopmentIdentityProviderAsync();

app.UseNhiPipeline();
app.PrintNhiBanner();

await app.RunAsync();
return 0;
