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
using NhiPortal.Infrastructure.Outbox;
using NhiPortal.Infrastructure.Reviews;
using NhiPortal.Core.Reviews;
using NhiPortal.Core.Outbox;
using NhiPortal.Core.Discovery;
using NhiPortal.Infrastructure.Discovery;
using NhiPortal.Core.Usage;
using NhiPortal.Infrastructure.Usage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NhiPortal.Core.Leaks;
using NhiPortal.Infrastructure.Leaks;
using NhiPortal.Core.Feed;
using NhiPortal.Infrastructure.Feed;
using NhiPortal.Infrastructure.Reports;

namespace NhiPortal.Infrastructure;

public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>The database, the settings read from configuration, the services and the background jobs.</summary>
    public static IHostApplicationBuilder AddNhiInfrastructure(this IHostApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var settings = DatabaseSettings.Resolve(
            config["Database:Provider"], config.GetConnectionString("NhiPortal"),
            // Development migrates at start; elsewhere migrating is its own step (`migrate`), run once per upgrade,
            // not by every instance that starts.
            config.GetValue("Database:MigrateOnStartup", builder.Environment.IsDevelopment()), builder.Environment.ContentRootPath);
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddDbContextFactory<NhiPortalDbContext>(o => DbContextOptionsFactory.Configure(o, settings));
        services.AddSingleton(SmtpSettings.Load(config));
        // Loaded now, not on first use: a missing key outside Development stops the start before anything listens.
        services.AddSingleton(AuditChainKeyLoader.Load(config, builder.Environment.IsDevelopment(), builder.Environment.ContentRootPath));
        services.AddSingleton(AuditHeadsFile.Resolve(config[AuditHeadsFile.Setting], builder.Environment.ContentRootPath));
        services.AddHttpClient("connector-webhook", c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient("connector-oauth", c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient("discovery-keycloak", c => c.Timeout = TimeSpan.FromSeconds(60));
        services.AddSingleton<IConnectorRegistry>(sp => ConnectorRegistry.FromConfiguration(config, sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<ConnectorRegistry>()));
        services.AddSingleton(sp => DiscoverySourceRegistry.FromConfiguration(config, sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<DiscoverySourceRegistry>()));
        services.AddSingleton(RevocationOptions.Load(config));
        services.AddSingleton(OutboxOptions.Load(config));
        services.AddSingleton(config.GetSection("Usage").Get<UsageOptions>() ?? new UsageOptions());
        services.AddSingleton(LeakPolicy.FromNames(config.GetSection("Leaks:AutoRevokeEnvironments").Get<string[]>()));
        services.AddSingleton(config.GetSection("Reviews:SeparationOfDuties").Get<SeparationOfDutiesPolicy>() ?? new SeparationOfDutiesPolicy());
        services.AddSingleton(config.GetSection("Approvals").Get<Core.Approvals.FourEyesPolicy>() ?? new Core.Approvals.FourEyesPolicy());
        var cadence = config.GetSection("Reviews:Cadence").Get<ReviewCadence>() ?? new ReviewCadence();
        // A cadence that reviews riskier NHIs less often would make the control it evidences false: refused at start.
        services.AddSingleton(cadence.Problem() is { } problem ? throw new InvalidOperationException(problem) : cadence);
        // Read now: a secret written into Feed:Destinations stops the start.
        services.AddSingleton(FeedOptions.Load(config));
        services.AddSingleton(FeedConfiguration.Load(config));
        services.AddSingleton(DashboardOptions.Load(config));
        services.AddSingleton(ReportOptions.Load(config, builder.Environment.ContentRootPath));
        services.AddNhiServices();
        services.AddHostedService<AuditSealJob>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportExportJob>());
        services.AddHostedService<HygieneRescoreJob>();
        services.AddHostedService<ReviewJob>();
        services.AddHostedService<RevocationWorker>();
        services.AddHostedService<OutboxDispatchJob>();
        services.AddHostedService(sp => sp.GetRequiredService<DiscoveryJob>());
        services.AddHostedService<UsageEvaluationJob>();
        services.AddHostedService<FeedDeliveryJob>();
        services.AddHostedService<DashboardRefreshJob>();
        services.AddHostedService<PlannerStatisticsJob>();
        if (config.GetValue("Notifications:Enabled", true))
        {
            services.AddHostedService<NotificationJob>();
        }
        services.AddDataProtection().SetApplicationName("NhiPortal").PersistKeysToDbContext<NhiPortalDbContext>()
            .ProtectKeysWithConfiguredCertificate(config, builder.Environment);
        // "ready" decides whether a proxy sends traffic to this instance; /health/live only says the process answers.
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [HealthTags.Ready])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [HealthTags.Ready])
            .AddCheck<OutboxHealthCheck>("follow-ups", tags: [HealthTags.Ready]);
        return builder;
    }

    /// <summary>
    /// Every service and use case, without configuration or background jobs: the host adds those, and the tests
    /// build the same graph over a test database, so no handler or use case is wired twice.
    /// </summary>
    public static IServiceCollection AddNhiServices(this IServiceCollection services)
    {
        services.AddSingleton<AuditWriter>();
        services.AddSingleton<AuditChainSealer>();
        services.AddSingleton<AuditChainVerifier>();
        services.AddSingleton<SyntheticOrganisationLoader>();
        services.AddSingleton<DemoDataSeeder>();
        services.TryAddSingleton(new DashboardOptions());
        services.AddSingleton<DashboardSnapshots>();
        services.AddSingleton<PlannerStatistics>();
        services.AddScoped<IDashboardQueries, DashboardQueries>();
        services.AddScoped<IAuditLog, AuditLogQueries>();
        services.AddScoped<ISignInRecorder, SignInRecorder>();
        services.AddSingleton<ApiClientRegistry>();
        services.AddSingleton<ApiClientEnrolment>();
        services.AddScoped<IInventoryQueries, InventoryQueries>();
        services.AddScoped<IOwnershipService, OwnershipService>();
        services.AddScoped<Core.Inventory.IIdentityReenabler, Inventory.IdentityReenabler>();
        services.AddSingleton<Requests.RequestedIdentity>();
        services.AddSingleton<Requests.IdentityRequestNotices>();
        services.AddScoped<Core.Requests.IIdentityRequestCommands, Requests.IdentityRequestCommands>();
        services.AddScoped<Core.Requests.IIdentityRequestQueries, Requests.IdentityRequestQueries>();
        services.AddScoped<Core.Requests.IIdentityEndDateChanger, Requests.IdentityEndDateChanger>();
        services.AddSingleton<Requests.EndDateReminderRun>();
        services.AddSingleton<Requests.EndDateRun>();
        services.AddSingleton<IFollowUpHandler, Requests.EndDateDecommissionHandler>();
        services.AddScoped<ITeamAdministration, Ownership.TeamAdministration>();
        services.AddMemoryCache();
        services.AddSingleton<HygieneRescorer>();
        services.AddSingleton<StaffDeparture>();
        services.AddScoped<IHygieneService, HygieneService>();
        services.AddScoped<IImportService, ImportService>();
        services.AddScoped<Core.Approvals.IApprovalCommands, Approvals.ApprovalCommands>();
        services.AddScoped<Core.Approvals.IApprovalQueries, Approvals.ApprovalQueries>();
        services.AddSingleton<Hygiene.HygienePolicySaver>();
        // The host registers the configuration's map; without one (a test, a tool) nobody maps to a role.
        services.TryAddSingleton(new Access.ConfiguredRoleMap(new RoleMap([])));
        services.AddSingleton<Access.RoleMapStore>();
        services.AddSingleton<Access.RoleMapSaver>();
        services.AddScoped<IRoleMapCommands, Access.RoleMapCommands>();
        services.AddScoped<StaffImportApplier>();
        services.AddScoped<ICredentialRegistry, CredentialRegistry>();
        services.AddSingleton<RevocationQueue>();
        services.AddSingleton<RevocationRunEvents>();
        services.AddSingleton<IRevocationRunEvents>(sp => sp.GetRequiredService<RevocationRunEvents>());
        services.AddSingleton<RevocationRunStarter>();
        services.AddSingleton<RevocationOutcomeWriter>();
        services.AddSingleton<RevocationExecutor>();
        services.AddScoped<IRevocationService, RevocationService>();
        services.AddScoped<IRevocationRunQueries, RevocationRunQueries>();
        services.AddNhiReports();
        services.AddNhiReviews();
        services.AddNhiOutbox();
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddSingleton<ExpiryReminderRun>();
        services.AddSingleton<AttestationReminderRun>();
        services.AddSingleton<CredentialExpiryRun>();
        services.AddSingleton<ScheduledRotationRun>();
        services.AddSingleton<NotificationMailer>();
        services.AddScoped<INotificationInbox, NotificationInbox>();
        services.AddNhiDiscovery();
        services.AddNhiUsage();
        services.AddNhiLeaks();
        services.AddNhiFeed();
        return services;
    }

    /// <summary>Sources read on a schedule or on request; the registry comes from configuration in the host, from the test in tests.</summary>
    private static void AddNhiDiscovery(this IServiceCollection services)
    {
        services.AddSingleton<DiscoverySignal>();
        services.AddSingleton<SourceSync>();
        services.AddSingleton<DiscoveryJob>();
        services.AddScoped<ISourceCatalog, SourceCatalog>();
        services.AddScoped<IDiscoveryCommands, DiscoveryCommands>();
    }

    /// <summary>Usage ingest (fed by discovery syncs and the API, which authorise their callers), the evaluator, triage and queries.</summary>
    private static void AddNhiUsage(this IServiceCollection services)
    {
        services.TryAddSingleton(new UsageOptions());
        services.AddSingleton<UsageSignal>();
        services.AddSingleton<UsageIngestWriter>();
        services.AddSingleton<IUsageIngest, UsageIngest>();
        services.AddSingleton<FlagWriter>();
        services.AddSingleton<UsageEvaluation>();
        services.AddScoped<IAnomalyTriage, AnomalyTriage>();
        services.AddScoped<IAnomalyQueries, AnomalyQueries>();
    }

    /// <summary>Leak reports in (the API's operator client), the two follow-ups they cause, and the leaks page's queries.</summary>
    private static void AddNhiLeaks(this IServiceCollection services)
    {
        services.TryAddSingleton(LeakPolicy.Default);
        services.AddSingleton<LeakNotices>();
        services.AddSingleton<IFollowUpHandler, LeakRevokeHandler>();
        services.AddSingleton<IFollowUpHandler, LeakNotifyHandler>();
        services.AddScoped<ILeakIntake, LeakIntake>();
        services.AddScoped<ILeakQueries, LeakQueries>();
    }

    /// <summary>The SIEM feed: destinations (page and configuration) and one pass per destination; the host adds the job.</summary>
    private static void AddNhiFeed(this IServiceCollection services)
    {
        services.TryAddSingleton(new FeedOptions());
        services.TryAddSingleton(FeedConfiguration.Empty);
        services.AddSingleton<FeedSignal>();
        services.AddSingleton<FeedDestinationWriter>();
        services.AddSingleton<FeedDestinationSeeder>();
        services.AddSingleton<FeedDelivery>();
        services.AddScoped<IFeedDestinations, FeedDestinations>();
    }

    private static void AddNhiReviews(this IServiceCollection services)
    {
        services.TryAddSingleton(new ReviewBatchOptions());
        services.TryAddSingleton(new SeparationOfDutiesPolicy());
        services.TryAddSingleton(new ReviewCadence());
        services.TryAddSingleton(new Core.Approvals.FourEyesPolicy());
        services.AddSingleton<CampaignStartRequests>();
        services.AddSingleton<ReviewRemediations>();
        services.AddSingleton<CampaignCloser>();
        services.AddSingleton<ReviewClock>();
        services.AddSingleton<ReviewEscalation>();
        services.AddScoped<ICampaignCommands, CampaignCommands>();
        services.AddScoped<ICampaignQueries, CampaignQueries>();
        services.AddScoped<IReviewQueue, ReviewQueue>();
        services.AddScoped<IReviewDecisions, ReviewDecisions>();
        services.AddSingleton<ReviewWorkItems>();
        services.AddScoped<IWorkItemQueries, WorkItemQueries>();
        services.AddScoped<IWorkItemCommands, WorkItemCommands>();
    }

    /// <summary>Follow-ups written with the changes that cause them, and the one dispatcher (under a lease) that carries them out.</summary>
    private static void AddNhiOutbox(this IServiceCollection services)
    {
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<FollowUps>();
        services.AddSingleton<JobStatusRecorder>();
        services.AddSingleton<IFollowUpHandler, RescoreHandler>();
        services.AddSingleton<IFollowUpHandler, ReviewRemediationHandler>();
        services.AddSingleton<IFollowUpHandler, Approvals.ApprovedRevocationHandler>();
        services.AddSingleton<IFollowUpHandler, DepartureReviewHandler>();
        services.AddSingleton<IFollowUpHandler, CampaignStartHandler>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddScoped<IBackgroundWork, BackgroundWork>();
    }
}
