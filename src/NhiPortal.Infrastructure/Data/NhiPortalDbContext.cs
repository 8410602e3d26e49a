using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Discovery;
using NhiPortal.Core.Feed;
using NhiPortal.Core.Usage;
using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Leaks;
using NhiPortal.Core.Notifications;
using NhiPortal.Core.Outbox;
using NhiPortal.Core.Revocation;
using NhiPortal.Core.Reviews;
using NhiPortal.Core.Ownership;

namespace NhiPortal.Infrastructure.Data;

/// <remarks>Also holds the ASP.NET data-protection keys, so sessions survive restarts and work across instances.</remarks>
public sealed class NhiPortalDbContext(DbContextOptions<NhiPortalDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();

    public DbSet<NonHumanIdentity> Identities => Set<NonHumanIdentity>();

    public DbSet<Credential> Credentials => Set<Credential>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<AuditChainLink> AuditChainLinks => Set<AuditChainLink>();

    public DbSet<HygienePolicyVersion> HygienePolicyVersions => Set<HygienePolicyVersion>();

    public DbSet<HygieneSnapshot> HygieneSnapshots => Set<HygieneSnapshot>();
    public DbSet<NhiPortal.Core.Dashboard.DashboardSnapshot> DashboardSnapshots => Set<NhiPortal.Core.Dashboard.DashboardSnapshot>();

    public DbSet<JobLease> JobLeases => Set<JobLease>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<RevocationRun> RevocationRuns => Set<RevocationRun>();

    public DbSet<ReviewCampaign> ReviewCampaigns => Set<ReviewCampaign>();

    public DbSet<ReviewItem> ReviewItems => Set<ReviewItem>();

    public DbSet<ReviewCampaignResult> ReviewCampaignResults => Set<ReviewCampaignResult>();

    public DbSet<WorkItem> WorkItems => Set<WorkItem>();

    public DbSet<RevocationStep> RevocationSteps => Set<RevocationStep>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<Core.Approvals.ApprovalRequest> Approvals => Set<Core.Approvals.ApprovalRequest>();

    public DbSet<Core.Requests.IdentityRequest> IdentityRequests => Set<Core.Requests.IdentityRequest>();

    public DbSet<Core.Access.RoleMapVersion> RoleMapVersions => Set<Core.Access.RoleMapVersion>();

    public DbSet<JobStatus> JobStatuses => Set<JobStatus>();

    public DbSet<Core.Reports.ReportExport> ReportExports => Set<Core.Reports.ReportExport>();

    public DbSet<DiscoveryRun> DiscoveryRuns => Set<DiscoveryRun>();

    public DbSet<DiscoverySourceState> DiscoverySources => Set<DiscoverySourceState>();

    public DbSet<SourceConflict> SourceConflicts => Set<SourceConflict>();

    public DbSet<UsageBucket> UsageBuckets => Set<UsageBucket>();

    public DbSet<UsageBaseline> UsageBaselines => Set<UsageBaseline>();

    public DbSet<AnomalyFlag> AnomalyFlags => Set<AnomalyFlag>();

    public DbSet<EvaluationCursor> EvaluationCursors => Set<EvaluationCursor>();

    public DbSet<LeakReport> LeakReports => Set<LeakReport>();
    public DbSet<FeedDestination> FeedDestinations => Set<FeedDestination>();

    private const string CaseInsensitiveCollation = "case_insensitive";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NhiPortalDbContext).Assembly);
        if (Database.IsSqlite())
        {
            // SQLite's LIKE is case-insensitive, so a prefix search uses the name index only under NOCASE.
            modelBuilder.Entity<NonHumanIdentity>().Property(i => i.Name).UseCollation("NOCASE");
            modelBuilder.Entity<Credential>().Property(c => c.Name).UseCollation("NOCASE");
            modelBuilder.Entity<StaffMember>().Property(s => s.DisplayName).UseCollation("NOCASE");
            PlannerHints.Register(modelBuilder);
        }
        else if (Database.IsNpgsql())
        {
            // The same case-insensitive names as SQLite's NOCASE and SQL Server's default collation: ICU at strength 2
            // (case ignored, accents not), so unique names and prefix ranges agree on every provider (the sort may place
            // punctuation differently: ICU puts '_' before digits, NOCASE after them).
            modelBuilder.HasCollation(CaseInsensitiveCollation, locale: "und-u-ks-level2", provider: "icu", deterministic: false);
            modelBuilder.Entity<NonHumanIdentity>().Property(i => i.Name).UseCollation(CaseInsensitiveCollation);
            modelBuilder.Entity<Credential>().Property(c => c.Name).UseCollation(CaseInsensitiveCollation);
            modelBuilder.Entity<StaffMember>().Property(s => s.DisplayName).UseCollation(CaseInsensitiveCollation);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL, stable when members are added.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
