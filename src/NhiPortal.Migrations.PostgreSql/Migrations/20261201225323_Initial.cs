using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace NhiPortal.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        private static readonly string[] AppendOnlyTables = ["AuditEvents", "AuditChainLinks", "ReviewCampaignResults"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:CollationDefinition:case_insensitive", "und-u-ks-level2,und-u-ks-level2,icu,False");

            migrationBuilder.CreateTable(
                name: "AnomalyFlags",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CredentialId = table.Column<Guid>(type: "uuid", nullable: false),
                    IdentityId = table.Column<Guid>(type: "uuid", nullable: true),
                    Rule = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Severity = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OwaspCategory = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Explanation = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    EvidenceJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    EvidenceKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ObservedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DetectedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ResolvedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ResolutionReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ResolvedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevocationRunId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnomalyFlags", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditChainLinks",
                columns: table => new
                {
                    EventId = table.Column<long>(type: "bigint", nullable: false),
                    Stream = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    PreviousHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SealedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Algorithm = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, defaultValue: "sha256")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditChainLinks", x => x.EventId);
                });

            migrationBuilder.CreateTable(
                name: "AuditEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Stream = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OccurredUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OnBehalfOf = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    TargetType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TargetId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    BeforeJson = table.Column<string>(type: "text", nullable: true),
                    AfterJson = table.Column<string>(type: "text", nullable: true),
                    CorrelationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Mac = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DashboardSnapshots",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ComputedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AuditCursor = table.Column<long>(type: "bigint", nullable: false),
                    SummaryJson = table.Column<string>(type: "text", nullable: false),
                    ProgrammeJson = table.Column<string>(type: "text", nullable: false),
                    ElapsedMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardSnapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DiscoveryRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TriggeredBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Read = table.Column<int>(type: "integer", nullable: false),
                    New = table.Column<int>(type: "integer", nullable: false),
                    Changed = table.Column<int>(type: "integer", nullable: false),
                    Gone = table.Column<int>(type: "integer", nullable: false),
                    Conflicts = table.Column<int>(type: "integer", nullable: false),
                    Errors = table.Column<int>(type: "integer", nullable: false),
                    UsageEvents = table.Column<int>(type: "integer", nullable: false),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ObjectErrorsJson = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiscoveryRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DiscoverySources",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    LastAttemptUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastSuccessUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastRunId = table.Column<Guid>(type: "uuid", nullable: true),
                    LastStatus = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    UsageCursor = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SyncRequestedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SyncRequestedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiscoverySources", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationCursors",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PositionUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationCursors", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "FeedDestinations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Format = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Tls = table.Column<bool>(type: "boolean", nullable: false),
                    CaFile = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    PinnedThumbprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SecretVariable = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    SecretFile = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    PreviousSecretVariable = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    PreviousSecretFile = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    Cursor = table.Column<long>(type: "bigint", nullable: false),
                    DeliveredCount = table.Column<long>(type: "bigint", nullable: false),
                    FailureCount = table.Column<long>(type: "bigint", nullable: false),
                    ConsecutiveFailures = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    LastDeliveredUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NextAttemptUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastHeadsUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedDestinations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HygienePolicyVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    PolicyJson = table.Column<string>(type: "text", nullable: false),
                    SavedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SavedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HygienePolicyVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HygieneSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TakenUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PolicyVersion = table.Column<int>(type: "integer", nullable: false),
                    ScoredCredentials = table.Column<int>(type: "integer", nullable: false),
                    OrganisationScore = table.Column<double>(type: "double precision", nullable: false),
                    BreakdownJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HygieneSnapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JobLeases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Holder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ExpiresUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobLeases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "JobStatuses",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LastStartedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastFinishedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastSucceededUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastDurationMs = table.Column<long>(type: "bigint", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    LastInstance = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LastOutcome = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Runs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobStatuses", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "Outbox",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OccurredUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OnBehalfOf = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    SubjectType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SubjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PayloadJson = table.Column<string>(type: "text", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CompletedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    GaveUpUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Outbox", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "ReportExports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Format = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RequestJson = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RequestedBySubject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestedRoles = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RowsWritten = table.Column<long>(type: "bigint", nullable: false),
                    RowsExpected = table.Column<long>(type: "bigint", nullable: true),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DataSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    StartedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CompletedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ExpiresUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportExports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RevocationRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CompletedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    IdentityId = table.Column<Guid>(type: "uuid", nullable: true),
                    DisableIdentity = table.Column<bool>(type: "boolean", nullable: false),
                    RequestHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Executions = table.Column<int>(type: "integer", nullable: false),
                    Holder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    HeartbeatUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    StepsPending = table.Column<int>(type: "integer", nullable: false),
                    StepsRevoked = table.Column<int>(type: "integer", nullable: false),
                    StepsVerified = table.Column<int>(type: "integer", nullable: false),
                    StepsProbeFailed = table.Column<int>(type: "integer", nullable: false),
                    StepsFailed = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RevocationRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SourceConflicts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IdentityId = table.Column<Guid>(type: "uuid", nullable: false),
                    CredentialId = table.Column<Guid>(type: "uuid", nullable: true),
                    Field = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PortalValue = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    SourceValue = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Critical = table.Column<bool>(type: "boolean", nullable: false),
                    FirstObservedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastObservedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ResolvedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolvedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SourceConflicts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UsageBaselines",
                columns: table => new
                {
                    CredentialId = table.Column<Guid>(type: "uuid", nullable: false),
                    FirstSeenUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSeenUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastNetwork = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Networks = table.Column<List<string>>(type: "text[]", nullable: false),
                    HourOfWeek = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DaysObserved = table.Column<int>(type: "integer", nullable: false),
                    DailyMean = table.Column<double>(type: "double precision", nullable: false),
                    DailyM2 = table.Column<double>(type: "double precision", nullable: false),
                    LastDayUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastDayCount = table.Column<long>(type: "bigint", nullable: false),
                    VolumeAllowance = table.Column<double>(type: "double precision", nullable: true),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageBaselines", x => x.CredentialId);
                });

            migrationBuilder.CreateTable(
                name: "UsageBuckets",
                columns: table => new
                {
                    CredentialId = table.Column<Guid>(type: "uuid", nullable: false),
                    HourUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Network = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false),
                    Refused = table.Column<long>(type: "bigint", nullable: false),
                    FirstSeenUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSeenUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Target = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LastAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    EvaluatedCount = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageBuckets", x => new { x.CredentialId, x.HourUtc, x.Network });
                });

            migrationBuilder.CreateTable(
                name: "Credentials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ExternalId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "case_insensitive"),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    IdentityId = table.Column<Guid>(type: "uuid", nullable: true),
                    Purpose = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Store = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    StoreReference = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Fingerprint = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    IssuedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastRotatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastUsedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastUsedNote = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    DiscoveredBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    GoneFromSourceUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    IsDynamic = table.Column<bool>(type: "boolean", nullable: false),
                    TimeToLive = table.Column<TimeSpan>(type: "interval", nullable: true),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StateChangedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PredecessorId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Credentials", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CredentialScores",
                columns: table => new
                {
                    CredentialId = table.Column<Guid>(type: "uuid", nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CredentialScores", x => x.CredentialId);
                    table.ForeignKey(
                        name: "FK_CredentialScores_Credentials_CredentialId",
                        column: x => x.CredentialId,
                        principalTable: "Credentials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LeakReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReceivedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FoundUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Location = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Scanner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ExternalId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Fingerprint = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    CredentialId = table.Column<Guid>(type: "uuid", nullable: true),
                    IdentityId = table.Column<Guid>(type: "uuid", nullable: true),
                    Environment = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RevocationRunId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReportedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReportedByName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeakReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LeakReports_CredentialScores_CredentialId",
                        column: x => x.CredentialId,
                        principalTable: "CredentialScores",
                        principalColumn: "CredentialId",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RevocationSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    CredentialId = table.Column<Guid>(type: "uuid", nullable: false),
                    CredentialName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IdentityId = table.Column<Guid>(type: "uuid", nullable: true),
                    Connector = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RevokedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    VerifiedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DurationMs = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RevocationSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RevocationSteps_CredentialScores_CredentialId",
                        column: x => x.CredentialId,
                        principalTable: "CredentialScores",
                        principalColumn: "CredentialId",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RevocationSteps_RevocationRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "RevocationRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Identities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ExternalId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "case_insensitive"),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Environment = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SourceSystem = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LifecycleState = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    PrivilegeLevel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Entitlements = table.Column<List<string>>(type: "text[]", nullable: false),
                    IsShared = table.Column<bool>(type: "boolean", nullable: false),
                    IsBreakGlass = table.Column<bool>(type: "boolean", nullable: false),
                    IsVendorManaged = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DiscoveredBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DiscoveredUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    GoneFromSourceUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OwnerHint = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ProposedOwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    StateFromSource = table.Column<bool>(type: "boolean", nullable: false),
                    LastActivityUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastAttestedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HygieneScore = table.Column<int>(type: "integer", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Identities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecipientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Link = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DedupKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReadUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EmailedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EmailError = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    EmailAttempts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReviewCampaignResults",
                columns: table => new
                {
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClosedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ResultJson = table.Column<string>(type: "text", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewCampaignResults", x => x.CampaignId);
                });

            migrationBuilder.CreateTable(
                name: "ReviewCampaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Scope = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ScopeValue = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    WindowHours = table.Column<int>(type: "integer", nullable: false),
                    ReminderPercents = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    EscalateAtPercent = table.Column<int>(type: "integer", nullable: false),
                    FallbackReviewerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Unanswered = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RecurrenceDays = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeadlineUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ParentCampaignId = table.Column<Guid>(type: "uuid", nullable: true),
                    SuccessorStarted = table.Column<bool>(type: "boolean", nullable: false),
                    StartRequestedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ItemsBuilt = table.Column<int>(type: "integer", nullable: false),
                    ItemsExpected = table.Column<int>(type: "integer", nullable: false),
                    BuildCursor = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewCampaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReviewItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    IdentityId = table.Column<Guid>(type: "uuid", nullable: false),
                    IdentityName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    OwnerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TeamName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReviewerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewerRule = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DelegatedFromId = table.Column<Guid>(type: "uuid", nullable: true),
                    DelegationReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Decision = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Justification = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DecidedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NewOwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    EvidenceScore = table.Column<int>(type: "integer", nullable: true),
                    EvidenceLastUsedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Recommendation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HighRisk = table.Column<bool>(type: "boolean", nullable: false),
                    EvidenceJson = table.Column<string>(type: "text", nullable: false),
                    RemindersSent = table.Column<int>(type: "integer", nullable: false),
                    EscalatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RemediationRunId = table.Column<Guid>(type: "uuid", nullable: true),
                    FollowUp = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewItems_Identities_IdentityId",
                        column: x => x.IdentityId,
                        principalTable: "Identities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReviewItems_ReviewCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "ReviewCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StaffMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "case_insensitive"),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    LastSignInUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PortalRoles = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffMembers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Teams",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IsDissolved = table.Column<bool>(type: "boolean", nullable: false),
                    LeadId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Teams", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Teams_StaffMembers_LeadId",
                        column: x => x.LeadId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnomalyFlags_CredentialId_Rule_Status",
                table: "AnomalyFlags",
                columns: new[] { "CredentialId", "Rule", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AnomalyFlags_IdentityId_Status",
                table: "AnomalyFlags",
                columns: new[] { "IdentityId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AnomalyFlags_Status_DetectedUtc",
                table: "AnomalyFlags",
                columns: new[] { "Status", "DetectedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditChainLinks_Stream_Sequence",
                table: "AuditChainLinks",
                columns: new[] { "Stream", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_CorrelationId",
                table: "AuditEvents",
                column: "CorrelationId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Stream_Id",
                table: "AuditEvents",
                columns: new[] { "Stream", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_TargetType_TargetId",
                table: "AuditEvents",
                columns: new[] { "TargetType", "TargetId" });

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_ExpiresUtc_Id",
                table: "Credentials",
                columns: new[] { "ExpiresUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_ExternalId",
                table: "Credentials",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_Fingerprint_State",
                table: "Credentials",
                columns: new[] { "Fingerprint", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_IdentityId_State",
                table: "Credentials",
                columns: new[] { "IdentityId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_IssuedUtc_Id",
                table: "Credentials",
                columns: new[] { "IssuedUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_LastRotatedUtc_Id",
                table: "Credentials",
                columns: new[] { "LastRotatedUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_LastUsedUtc_Id",
                table: "Credentials",
                columns: new[] { "LastUsedUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_Name",
                table: "Credentials",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_PredecessorId",
                table: "Credentials",
                column: "PredecessorId");

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_State_ExpiresUtc_IsDynamic",
                table: "Credentials",
                columns: new[] { "State", "ExpiresUtc", "IsDynamic" });

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_Store_StoreReference",
                table: "Credentials",
                columns: new[] { "Store", "StoreReference" });

            migrationBuilder.CreateIndex(
                name: "IX_DiscoveryRuns_Source_StartedUtc",
                table: "DiscoveryRuns",
                columns: new[] { "Source", "StartedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedDestinations_Name",
                table: "FeedDestinations",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HygienePolicyVersions_Version",
                table: "HygienePolicyVersions",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HygieneSnapshots_TakenUtc",
                table: "HygieneSnapshots",
                column: "TakenUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Identities_DiscoveredBy_OwnerId",
                table: "Identities",
                columns: new[] { "DiscoveredBy", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Identities_Environment_Name",
                table: "Identities",
                columns: new[] { "Environment", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Identities_ExternalId",
                table: "Identities",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Identities_HygieneScore_Name",
                table: "Identities",
                columns: new[] { "HygieneScore", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Identities_Kind_Name",
                table: "Identities",
                columns: new[] { "Kind", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Identities_LifecycleState_Name",
                table: "Identities",
                columns: new[] { "LifecycleState", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Identities_Name",
                table: "Identities",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Identities_OwnerId_Name",
                table: "Identities",
                columns: new[] { "OwnerId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Identities_OwnerId_TeamId_LifecycleState",
                table: "Identities",
                columns: new[] { "OwnerId", "TeamId", "LifecycleState" });

            migrationBuilder.CreateIndex(
                name: "IX_Identities_ProposedOwnerId",
                table: "Identities",
                column: "ProposedOwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Identities_TeamId_Name",
                table: "Identities",
                columns: new[] { "TeamId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_LeakReports_CredentialId",
                table: "LeakReports",
                column: "CredentialId");

            migrationBuilder.CreateIndex(
                name: "IX_LeakReports_Fingerprint",
                table: "LeakReports",
                column: "Fingerprint");

            migrationBuilder.CreateIndex(
                name: "IX_LeakReports_ReceivedUtc",
                table: "LeakReports",
                column: "ReceivedUtc");

            migrationBuilder.CreateIndex(
                name: "IX_LeakReports_Scanner_ExternalId",
                table: "LeakReports",
                columns: new[] { "Scanner", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_DedupKey",
                table: "Notifications",
                column: "DedupKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_EmailedUtc",
                table: "Notifications",
                column: "EmailedUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientId_ReadUtc",
                table: "Notifications",
                columns: new[] { "RecipientId", "ReadUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_CompletedUtc_GaveUpUtc_NextAttemptUtc",
                table: "Outbox",
                columns: new[] { "CompletedUtc", "GaveUpUtc", "NextAttemptUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_Id",
                table: "Outbox",
                column: "Id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReportExports_RequestedBySubject_RequestedUtc",
                table: "ReportExports",
                columns: new[] { "RequestedBySubject", "RequestedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ReportExports_State_RequestedUtc",
                table: "ReportExports",
                columns: new[] { "State", "RequestedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCampaigns_FallbackReviewerId",
                table: "ReviewCampaigns",
                column: "FallbackReviewerId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCampaigns_Status",
                table: "ReviewCampaigns",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewItems_CampaignId_Status",
                table: "ReviewItems",
                columns: new[] { "CampaignId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewItems_IdentityId",
                table: "ReviewItems",
                column: "IdentityId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewItems_ReviewerId_Status_EvidenceScore",
                table: "ReviewItems",
                columns: new[] { "ReviewerId", "Status", "EvidenceScore" });

            migrationBuilder.CreateIndex(
                name: "IX_RevocationRuns_RequestedUtc",
                table: "RevocationRuns",
                column: "RequestedUtc");

            migrationBuilder.CreateIndex(
                name: "IX_RevocationRuns_Status",
                table: "RevocationRuns",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_RevocationSteps_CredentialId",
                table: "RevocationSteps",
                column: "CredentialId");

            migrationBuilder.CreateIndex(
                name: "IX_RevocationSteps_RunId_Status",
                table: "RevocationSteps",
                columns: new[] { "RunId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SourceConflicts_IdentityId_Field_ResolvedUtc",
                table: "SourceConflicts",
                columns: new[] { "IdentityId", "Field", "ResolvedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SourceConflicts_ResolvedUtc_Critical",
                table: "SourceConflicts",
                columns: new[] { "ResolvedUtc", "Critical" });

            migrationBuilder.CreateIndex(
                name: "IX_StaffMembers_Email",
                table: "StaffMembers",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_StaffMembers_Subject",
                table: "StaffMembers",
                column: "Subject",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StaffMembers_TeamId",
                table: "StaffMembers",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_Teams_LeadId",
                table: "Teams",
                column: "LeadId");

            migrationBuilder.CreateIndex(
                name: "IX_Teams_Name",
                table: "Teams",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UsageBuckets_UpdatedUtc",
                table: "UsageBuckets",
                column: "UpdatedUtc");

            migrationBuilder.AddForeignKey(
                name: "FK_Credentials_CredentialScores_PredecessorId",
                table: "Credentials",
                column: "PredecessorId",
                principalTable: "CredentialScores",
                principalColumn: "CredentialId",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Credentials_Identities_IdentityId",
                table: "Credentials",
                column: "IdentityId",
                principalTable: "Identities",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Identities_StaffMembers_OwnerId",
                table: "Identities",
                column: "OwnerId",
                principalTable: "StaffMembers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Identities_StaffMembers_ProposedOwnerId",
                table: "Identities",
                column: "ProposedOwnerId",
                principalTable: "StaffMembers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Identities_Teams_TeamId",
                table: "Identities",
                column: "TeamId",
                principalTable: "Teams",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Notifications_StaffMembers_RecipientId",
                table: "Notifications",
                column: "RecipientId",
                principalTable: "StaffMembers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_ReviewCampaignResults_ReviewCampaigns_CampaignId",
                table: "ReviewCampaignResults",
                column: "CampaignId",
                principalTable: "ReviewCampaigns",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_ReviewCampaigns_StaffMembers_FallbackReviewerId",
                table: "ReviewCampaigns",
                column: "FallbackReviewerId",
                principalTable: "StaffMembers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_ReviewItems_StaffMembers_ReviewerId",
                table: "ReviewItems",
                column: "ReviewerId",
                principalTable: "StaffMembers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_StaffMembers_Teams_TeamId",
                table: "StaffMembers",
                column: "TeamId",
                principalTable: "Teams",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // Added by hand (migrationBuilder.Sql is the one place a generated migration may be extended): the database
            // itself refuses to change or remove audit events, chain links and frozen campaign results, as the SQLite and
            // SQL Server triggers do; TRUNCATE too, which row triggers would not see.
            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
                END;
                $$;
                """);
            foreach (var table in AppendOnlyTables)
            {
                migrationBuilder.Sql($"""CREATE TRIGGER "{table}_AppendOnly" BEFORE UPDATE OR DELETE ON "{table}" FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();""");
                migrationBuilder.Sql($"""CREATE TRIGGER "{table}_NoTruncate" BEFORE TRUNCATE ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();""");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in AppendOnlyTables)
            {
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_AppendOnly" ON "{table}";""");
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_NoTruncate" ON "{table}";""");
            }
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS refuse_append_only_change();");

            migrationBuilder.DropForeignKey(
                name: "FK_Credentials_CredentialScores_PredecessorId",
                table: "Credentials");

            migrationBuilder.DropForeignKey(
                name: "FK_Teams_StaffMembers_LeadId",
                table: "Teams");

            migrationBuilder.DropTable(
                name: "AnomalyFlags");

            migrationBuilder.DropTable(
                name: "AuditChainLinks");

            migrationBuilder.DropTable(
                name: "AuditEvents");

            migrationBuilder.DropTable(
                name: "DashboardSnapshots");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "DiscoveryRuns");

            migrationBuilder.DropTable(
                name: "DiscoverySources");

            migrationBuilder.DropTable(
                name: "EvaluationCursors");

            migrationBuilder.DropTable(
                name: "FeedDestinations");

            migrationBuilder.DropTable(
                name: "HygienePolicyVersions");

            migrationBuilder.DropTable(
                name: "HygieneSnapshots");

            migrationBuilder.DropTable(
                name: "JobLeases");

            migrationBuilder.DropTable(
                name: "JobStatuses");

            migrationBuilder.DropTable(
                name: "LeakReports");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "Outbox");

            migrationBuilder.DropTable(
                name: "ReportExports");

            migrationBuilder.DropTable(
                name: "ReviewCampaignResults");

            migrationBuilder.DropTable(
                name: "ReviewItems");

            migrationBuilder.DropTable(
                name: "RevocationSteps");

            migrationBuilder.DropTable(
                name: "SourceConflicts");

            migrationBuilder.DropTable(
                name: "UsageBaselines");

            migrationBuilder.DropTable(
                name: "UsageBuckets");

            migrationBuilder.DropTable(
                name: "ReviewCampaigns");

            migrationBuilder.DropTable(
                name: "RevocationRuns");

            migrationBuilder.DropTable(
                name: "CredentialScores");

            migrationBuilder.DropTable(
                name: "Credentials");

            migrationBuilder.DropTable(
                name: "Identities");

            migrationBuilder.DropTable(
                name: "StaffMembers");

            migrationBuilder.DropTable(
                name: "Teams");
        }
    }
}
