using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Dashboard;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Dashboard;
using NhiPortal.Infrastructure.Hygiene;
using NhiPortal.Infrastructure.Import;
using NhiPortal.Core.Hygiene;
using NhiPortal.Infrastructure.Inventory;
using NhiPortal.Core.Import;
using NhiPortal.Infrastructure.Ownership;
using NhiPortal.Core.Ownership;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Core.Notifications;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Connectors;
using NhiPortal.Infrastructure.Revocation;
using NhiPortal.Infrastructure.Credentials;
using NhiPortal.Infrastructure.Notifications;

namespace NhiPortal.Infrastructure;

public static class InfrastructureServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddNhiInfrastructure(this IHostApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var settings = DatabaseSettings.Resolve(
            config["Database:Provider"], config.GetConnectionString("NhiPortal"),
            config.GetValue("Database:MigrateOnStartup", true), builder.Environment.ContentRootPath);
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddDbContextFactory<NhiPortalDbContext>(o => DbContextOptionsFactory.Configure(o, settings));
        services.AddSingleton<AuditWriter>();
        services.AddSingleton<AuditChainSealer>();
        services.AddSingleton<AuditChainVerifier>();
        services.AddHostedService<AuditSealJob>();
        services.AddSingleton<SyntheticOrganisationLoader>();
        services.AddSingleton<DemoDataSeeder>();
        services.AddScoped<IDashboardQueries, DashboardQueries>();
        services.AddScoped<IAuditLog, AuditLogQueries>();
        services.AddScoped<ISignInRecorder, SignInRecorder>();
        services.AddScoped<IInventoryQueries, InventoryQueries>();
        services.AddScoped<IOwnershipService, OwnershipService>();
        services.AddMemoryCache();
        services.AddSingleton<HygieneRescorer>();
        services.AddScoped<IHygieneService, HygieneService>();
        services.AddHostedService<HygieneRescoreJob>();
        services.AddScoped<IImportService, ImportService>();
        services.AddScoped<ICredentialRegistry, CredentialRegistry>();
        services.AddSingleton(SmtpSettings.Load(config));
        services.AddHttpClient("connector-webhook", c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient("connector-oauth", c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<IConnectorRegistry>(sp => ConnectorRegistry.FromConfiguration(config, sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<ConnectorRegistry>()));
        services.AddSingleton(RevocationOptions.Load(config));
        services.AddSingleton<RevocationQueue>();
        services.AddSingleton<RevocationExecutor>();
        services.AddScoped<IRevocationService, RevocationService>();
        services.AddScoped<NhiPortal.Core.Reports.IReportService, NhiPortal.Infrastructure.Reports.ReportService>();
        services.AddSingleton(sp => new NhiPortal.Infrastructure.Reviews.CampaignEngine(
            sp.GetRequiredService<IDbContextFactory<NhiPortalDbContext>>(), sp.GetRequiredService<AuditWriter>(), sp.GetRequiredService<TimeProvider>(),
            actor => new RevocationService(sp.GetRequiredService<IDbContextFactory<NhiPortalDbContext>>(), new SystemCaller(actor), sp.GetRequiredService<AuditWriter>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IConnectorRegistry>(), sp.GetRequiredService<RevocationQueue>(), sp.GetRequiredService<HygieneRescorer>())));
        services.AddScoped<NhiPortal.Core.Reviews.IReviewService, NhiPortal.Infrastructure.Reviews.ReviewService>();
        services.AddHostedService<NhiPortal.Infrastructure.Reviews.ReviewJob>();
        services.AddHostedService<RevocationWorker>();
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddSingleton<ExpiryReminderRun>();
        services.AddSingleton<CredentialExpiryRun>();
        services.AddSingleton<ScheduledRotationRun>();
        services.AddSingleton<NotificationMailer>();
        services.AddScoped<INotificationInbox, NotificationInbox>();
        if (config.GetValue("Notifications:Enabled", true))
        {
            services.AddHostedService<NotificationJob>();
        }
        services.AddDataProtection().SetApplicationName("NhiPortal").PersistKeysToDbContext<NhiPortalDbContext>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    /// <summary>Migrates the database and, when <c>DemoData:Enabled</c>, seeds a new one. Runs before the host listens.</summary>
    public static async Task PrepareNhiDatabaseAsync(this IHost host, CancellationToken ct = default)
    {
        var services = host.Services;
        var settings = services.GetRequiredService<DatabaseSettings>();
        var config = services.GetRequiredService<IConfiguration>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("NhiPortal.Database");
        await using var db = await services.GetRequiredService<IDbContextFactory<NhiPortalDbContext>>().CreateDbContextAsync(ct);
        if (settings.MigrateOnStartup)
        {
            await db.Database.MigrateAsync(ct);
        }
        if (db.Database.IsSqlite())
        {
            // Readers never wait for the writer, and the setting stays with the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        if (config.GetValue("DemoData:Enabled", false))
        {
            var size = config.GetSection("DemoData:Size").Get<SyntheticOrganisationSize>() ?? SyntheticOrganisationSize.Demo;
            if (await services.GetRequiredService<DemoDataSeeder>().SeedIfEmptyAsync(db, size, ct))
            {
                logger.LogInformation("Seeded the demo organisation: {Identities} identities, {Credentials} credentials",
                    size.Identities, size.Credentials);
            }
        }
        if (!await db.HygieneSnapshots.AnyAsync(ct) && await db.Credentials.AnyAsync(ct))
        {
            // The first start scores what is there, so no page ever shows a grade-less inventory.
            await services.GetRequiredService<HygieneRescorer>().RescoreAllAsync(ct: ct);
        }
    }

    /// <summary>The caller of work a person set off but a service carries out (a review decision's revocation).</summary>
    private sealed class SystemCaller(PortalUser user) : ICurrentUser
    {
        public Task<PortalUser> GetAsync() => Task.FromResult(user);
    }
}
