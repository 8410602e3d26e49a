using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NhiPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Discovery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DiscoveredBy",
                table: "Identities",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DiscoveredUtc",
                table: "Identities",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "GoneFromSourceUtc",
                table: "Identities",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OwnerHint",
                table: "Identities",
                type: "nvarchar(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ProposedOwnerId",
                table: "Identities",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "StateFromSource",
                table: "Identities",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "DiscoveredBy",
                table: "Credentials",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "GoneFromSourceUtc",
                table: "Credentials",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastUsedNote",
                table: "Credentials",
                type: "nvarchar(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AnomalyFlags",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CredentialId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    IdentityId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Rule = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Severity = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    OwaspCategory = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Explanation = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    EvidenceJson = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    EvidenceKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ObservedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DetectedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    ResolvedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ResolutionReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ResolvedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RevocationRunId = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnomalyFlags", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DiscoveryRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Source = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    TriggeredBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    EndedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Read = table.Column<int>(type: "int", nullable: false),
                    New = table.Column<int>(type: "int", nullable: false),
                    Changed = table.Column<int>(type: "int", nullable: false),
                    Gone = table.Column<int>(type: "int", nullable: false),
                    Conflicts = table.Column<int>(type: "int", nullable: false),
                    Errors = table.Column<int>(type: "int", nullable: false),
                    UsageEvents = table.Column<int>(type: "int", nullable: false),
                    Error = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ObjectErrorsJson = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiscoveryRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DiscoverySources",
                columns: table => new
                {
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    LastAttemptUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastSuccessUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastRunId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    LastStatus = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    LastError = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    UsageCursor = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    SyncRequestedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    SyncRequestedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiscoverySources", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationCursors",
                columns: table => new
                {
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    PositionUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationCursors", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "SourceConflicts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Source = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    IdentityId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CredentialId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Field = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    PortalValue = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    SourceValue = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    Critical = table.Column<bool>(type: "bit", nullable: false),
                    FirstObservedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    LastObservedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ResolvedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ResolvedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SourceConflicts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UsageBaselines",
                columns: table => new
                {
                    CredentialId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FirstSeenUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    LastSeenUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    LastNetwork = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Networks = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    HourOfWeek = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    DaysObserved = table.Column<int>(type: "int", nullable: false),
                    DailyMean = table.Column<double>(type: "float", nullable: false),
                    DailyM2 = table.Column<double>(type: "float", nullable: false),
                    LastDayUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastDayCount = table.Column<long>(type: "bigint", nullable: false),
                    VolumeAllowance = table.Column<double>(type: "float", nullable: true),
                    UpdatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageBaselines", x => x.CredentialId);
                });

            migrationBuilder.CreateTable(
                name: "UsageBuckets",
                columns: table => new
                {
                    CredentialId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    HourUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Network = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false),
                    Refused = table.Column<long>(type: "bigint", nullable: false),
                    FirstSeenUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    LastSeenUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Target = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    LastAddress = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    EvaluatedCount = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageBuckets", x => new { x.CredentialId, x.HourUtc, x.Network });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Identities_DiscoveredBy_OwnerId",
                table: "Identities",
                columns: new[] { "DiscoveredBy", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Identities_ProposedOwnerId",
                table: "Identities",
                column: "ProposedOwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_Store_StoreReference",
                table: "Credentials",
                columns: new[] { "Store", "StoreReference" });

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
                name: "IX_DiscoveryRuns_Source_StartedUtc",
                table: "DiscoveryRuns",
                columns: new[] { "Source", "StartedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SourceConflicts_IdentityId_Field_ResolvedUtc",
                table: "SourceConflicts",
                columns: new[] { "IdentityId", "Field", "ResolvedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SourceConflicts_ResolvedUtc_Critical",
                table: "SourceConflicts",
                columns: new[] { "ResolvedUtc", "Critical" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageBuckets_UpdatedUtc",
                table: "UsageBuckets",
                column: "UpdatedUtc");

            migrationBuilder.AddForeignKey(
                name: "FK_Identities_StaffMembers_ProposedOwnerId",
                table: "Identities",
                column: "ProposedOwnerId",
                principalTable: "StaffMembers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Identities_StaffMembers_ProposedOwnerId",
                table: "Identities");

            migrationBuilder.DropTable(
                name: "AnomalyFlags");

            migrationBuilder.DropTable(
                name: "DiscoveryRuns");

            migrationBuilder.DropTable(
                name: "DiscoverySources");

            migrationBuilder.DropTable(
                name: "EvaluationCursors");

            migrationBuilder.DropTable(
                name: "SourceConflicts");

            migrationBuilder.DropTable(
                name: "UsageBaselines");

            migrationBuilder.DropTable(
                name: "UsageBuckets");

            migrationBuilder.DropIndex(
                name: "IX_Identities_DiscoveredBy_OwnerId",
                table: "Identities");

            migrationBuilder.DropIndex(
                name: "IX_Identities_ProposedOwnerId",
                table: "Identities");

            migrationBuilder.DropIndex(
                name: "IX_Credentials_Store_StoreReference",
                table: "Credentials");

            migrationBuilder.DropColumn(
                name: "DiscoveredBy",
                table: "Identities");

            migrationBuilder.DropColumn(
                name: "DiscoveredUtc",
                table: "Identities");

            migrationBuilder.DropColumn(
                name: "GoneFromSourceUtc",
                table: "Identities");

            migrationBuilder.DropColumn(
                name: "OwnerHint",
                table: "Identities");

            migrationBuilder.DropColumn(
                name: "ProposedOwnerId",
                table: "Identities");

            migrationBuilder.DropColumn(
                name: "StateFromSource",
                table: "Identities");

            migrationBuilder.DropColumn(
                name: "DiscoveredBy",
                table: "Credentials");

            migrationBuilder.DropColumn(
                name: "GoneFromSourceUtc",
                table: "Credentials");

            migrationBuilder.DropColumn(
                name: "LastUsedNote",
                table: "Credentials");
        }
    }
}
