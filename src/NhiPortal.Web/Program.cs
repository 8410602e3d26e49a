using NhiPortal.Infrastructure;
using NhiPortal.Web.Auth;
using NhiPortal.Web.DevIdentityProvider;
using NhiPortal.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddNhiConfiguration();
builder.AddNhiInfrastructure();
builder.AddNhiAuthentication();
builder.AddNhiUi();
builder.AddNhiRateLimits();

var app = builder.Build();

await app.PrepareNhiDatabaseAsync();
await app.PrepareDevelopmentIdentityProviderAsync();

app.UseNhiPipeline();
app.PrintNhiBanner();

app.Run();
