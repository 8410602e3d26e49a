using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Connectors;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Inventory;
using NhiPortal.Infrastructure.Notifications;
using NhiPortal.Infrastructure.Revocation;
using NhiPortal.Web.Api;
using NhiPortal.Web.Auth;

namespace NhiPortal.Benchmarks;

/// <summary>
/// The API's identities list over HTTP (Kestrel on loopback, bearer JWT validated, client standing read, JSON out)
/// beside the same page through the service twice: as the grid asks for it (offset page and count), and as the API
/// asks for it (the same cursor, no count), which is the like-for-like ratio. The API pages by cursor: its deep page is
/// reached by walking, then timed from the cursor.
/// </summary>
internal static class ApiListBenchmark
{
    private const string Issuer = "https://idp.bench.invalid/";
    private const string ClientId = "bench-automation";
    private const string Store = "bench-idp";

    private sealed record Scenario(string Name, IdentityFilter Filter, PageRequest GridPage, string Query, int CursorPages);

    private static readonly Scenario[] Scenarios =
    [
        new("environment = Production, first page of 50", new IdentityFilter { Environment = DeploymentEnvironment.Production }, new PageRequest(0, 50), "environment=Production", 0),
        new("kind = ServiceAccount, page 101 of 50", new IdentityFilter { Kind = IdentityKind.ServiceAccount }, new PageRequest(5_000, 50), "kind=ServiceAccount", 100),
        new("name starts with 'svc-ledger', first page", new IdentityFilter { Search = "svc-ledger" }, new PageRequest(0, 50), "search=svc-ledger", 0),
    ];

    public static async Task RunAsync(string path, int iterations)
    {
        var connectionString = $"Data Source={Path.GetFullPath(path)}";
        var database = new DatabaseSettings(DatabaseProvider.Sqlite, connectionString, false);
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "bench" };
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var services = builder.Services;
        services.AddSingleton(database);
        services.AddSingleton(TimeProvider.System);
        services.AddDbContextFactory<NhiPortalDbContext>(o => DbContextOptionsFactory.Configure(o, database));
        services.AddSingleton(new ConnectorRegistry([]));
        services.AddSingleton<Core.Revocation.IConnectorRegistry>(sp => sp.GetRequiredService<ConnectorRegistry>());
        services.AddSingleton(new RevocationOptions());
        services.AddSingleton(new SmtpSettings());
        services.AddSingleton(Infrastructure.Discovery.DiscoverySourceRegistry.Empty);
        services.AddSingleton(AuditChainKey.CreateRandom());
        services.AddSingleton(AuditHeadsFile.Resolve(Path.Combine(Path.GetTempPath(), $"bench-heads-{Guid.NewGuid():N}.jsonl"), Path.GetTempPath()));
        services.AddNhiServices();
        services.AddScoped<RequestCaller>();
        services.AddScoped<ICurrentUser, RequestCallerUser>();
        services.AddSingleton<UnmappedRoleLog>();
        var oidc = new OidcSettings { Authority = Issuer, RoleClaimType = "roles", RoleMap = new RoleMap([], acceptRoleNamesAsIs: true) };
        builder.AddNhiApi(oidc, Store, o =>
        {
            // Same validation as the portal (issuer, audience, lifetime, signature), with a local key instead of the IdP's metadata.
            o.Authority = null;
            o.Configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
            o.Configuration.SigningKeys.Add(key);
            o.TokenValidationParameters.ValidIssuer = Issuer;
            o.TokenValidationParameters.IssuerSigningKey = key;
        });
        services.AddAuthorization();
        await using var app = builder.Build();
        app.UseNhiApiErrors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapNhiApi();
        await EnrolAsync(app.Services);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token(key));

        var factory = app.Services.GetRequiredService<IDbContextFactory<NhiPortalDbContext>>();
        var grid = new InventoryQueries(factory, new InventoryBenchmark.FixedUser(new PortalUser("bench-admin", "Benchmark", null, new HashSet<PortalRole> { PortalRole.Auditor })), TimeProvider.System);
        await using (var db = await factory.CreateDbContextAsync())
        {
            Console.WriteLine($"Database: {path}: {await db.Identities.CountAsync():N0} identities, {await db.Credentials.CountAsync():N0} credentials");
        }
        Console.WriteLine($"{iterations} timed runs each after 10 warm-up runs; median (p95) in ms");
        Console.WriteLine($"{"scenario",-44} {"service (grid path)",20} {"service (same cursor)",22} {"API over HTTP",20} {"vs grid",8} {"vs same",8}");
        foreach (var scenario in Scenarios)
        {
            var cursor = await WalkAsync(http, scenario);
            var url = $"/api/v1/identities?{scenario.Query}&limit=50{(cursor is null ? "" : $"&cursor={cursor}")}";
            var service = new List<double>();
            var same = new List<double>();
            var api = new List<double>();
            var samePage = new PageRequest(Take: 50) { After = ApiCursor.DecodeName(cursor), CountTotal = false };
            for (var run = -10; run < iterations; run++)
            {
                var start = System.Diagnostics.Stopwatch.GetTimestamp();
                var page = await grid.QueryIdentitiesAsync(scenario.Filter, scenario.GridPage);
                var serviceMs = Timing.Milliseconds(start);
                start = System.Diagnostics.Stopwatch.GetTimestamp();
                var sameRows = await grid.QueryIdentitiesAsync(scenario.Filter, samePage);
                var sameMs = Timing.Milliseconds(start);
                start = System.Diagnostics.Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(url);
                var body = await response.Content.ReadAsByteArrayAsync();
                var apiMs = Timing.Milliseconds(start);
                if (!response.IsSuccessStatusCode || page.Rows.Count == 0 || sameRows.Rows.Count == 0)
                {
                    throw new InvalidOperationException($"{scenario.Name}: API {(int)response.StatusCode} ({body.Length} bytes), service {page.Rows.Count} rows: the database is too small for this page");
                }
                if (run >= 0)
                {
                    service.Add(serviceMs);
                    same.Add(sameMs);
                    api.Add(apiMs);
                }
            }
            var (serviceMedian, serviceP95) = Timing.Summarise(service);
            var (sameMedian, sameP95) = Timing.Summarise(same);
            var (apiMedian, apiP95) = Timing.Summarise(api);
            Console.WriteLine($"{scenario.Name,-44} {$"{serviceMedian:F2} ({serviceP95:F2})",20} {$"{sameMedian:F2} ({sameP95:F2})",22} {$"{apiMedian:F2} ({apiP95:F2})",20} " +
                $"{apiMedian / serviceMedian,7:F2}x {apiMedian / sameMedian,7:F2}x");
        }
        await app.StopAsync();
    }

    /// <summary>Follows the cursor to the scenario's deep page, as a client would, and returns the cursor that starts it.</summary>
    private static async Task<string?> WalkAsync(HttpClient http, Scenario scenario)
    {
        string? cursor = null;
        for (var i = 0; i < scenario.CursorPages; i++)
        {
            using var json = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(
                $"/api/v1/identities?{scenario.Query}&limit=50{(cursor is null ? "" : $"&cursor={cursor}")}"));
            cursor = json.RootElement.GetProperty("nextCursor").GetString();
        }
        return cursor;
    }

    /// <summary>The benchmark's client is an NHI like any other: an owned identity holding its client secret (added once).</summary>
    private static async Task EnrolAsync(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IDbContextFactory<NhiPortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var owner = await db.StaffMembers.Where(s => s.IsActive).OrderBy(s => s.Subject).Select(s => s.Subject).FirstAsync();
        await services.GetRequiredService<ApiClientEnrolment>().EnsureAsync(new ApiClientEnrolmentRequest(Store, ClientId, ClientId,
            "The API benchmark's client", DeploymentEnvironment.Production, owner, Fingerprint.OfSecret("bench-secret")));
    }

    private static string Token(SecurityKey key) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = "nhiportal-api",
        Expires = DateTime.UtcNow.AddHours(1),
        Subject = new ClaimsIdentity([new Claim("sub", ClientId), new Claim("client_id", ClientId), new Claim("roles", nameof(PortalRole.Auditor))]),
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
    });

    private sealed class RequestCallerUser(RequestCaller caller) : ICurrentUser
    {
        public Task<PortalUser> GetAsync() => Task.FromResult(PortalClaims.ToPortalUser(caller.User ?? new ClaimsPrincipal()));
    }
}
