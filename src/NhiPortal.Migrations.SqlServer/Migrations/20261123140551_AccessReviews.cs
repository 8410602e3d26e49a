using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NhiPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AccessReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "LeadId",
                table: "Teams",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReviewCampaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Scope = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    ScopeValue = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    WindowHours = table.Column<int>(type: "int", nullable: false),
                    ReminderPercents = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    EscalateAtPercent = table.Column<int>(type: "int", nullable: false),
                    FallbackReviewerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Unanswered = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    RecurrenceDays = table.Column<int>(type: "int", nullable: true),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DeadlineUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ClosedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ClosedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ParentCampaignId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    SuccessorStarted = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewCampaigns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewCampaigns_StaffMembers_FallbackReviewerId",
                        column: x => x.FallbackReviewerId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReviewCampaignResults",
                columns: table => new
                {
                    CampaignId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ClosedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ResultJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Sha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewCampaignResults", x => x.CampaignId);
                    table.ForeignKey(
                        name: "FK_ReviewCampaignResults_ReviewCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "ReviewCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReviewItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CampaignId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    IdentityId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    IdentityName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    OwnerId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    OwnerName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    TeamName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ReviewerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ReviewerRule = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    DelegatedFromId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    DelegationReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Decision = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    Justification = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    DecidedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    DecidedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    NewOwnerId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    EvidenceScore = table.Column<int>(type: "int", nullable: true),
                    EvidenceLastUsedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Recommendation = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    HighRisk = table.Column<bool>(type: "bit", nullable: false),
                    EvidenceJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    RemindersSent = table.Column<int>(type: "int", nullable: false),
                    EscalatedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RemediationRunId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    FollowUp = table.Column<bool>(type: "bit", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
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
                    table.ForeignKey(
                        name: "FK_ReviewItems_StaffMembers_ReviewerId",
                        column: x => x.ReviewerId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Teams_LeadId",
                table: "Teams",
                column: "LeadId");

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
                name: "IX_ReviewItems_ReviewerId_Status",
                table: "ReviewItems",
                columns: new[] { "ReviewerId", "Status" });

            migrationBuilder.AddForeignKey(
                name: "FK_Teams_StaffMembers_LeadId",
                table: "Teams",
                column: "LeadId",
                principalTable: "StaffMembers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Teams_StaffMembers_LeadId",
                table: "Teams");

            migrationBuilder.DropTable(
                name: "ReviewCampaignResults");

            migrationBuilder.DropTable(
                name: "ReviewItems");

            migrationBuilder.DropTable(
                name: "ReviewCampaigns");

            migrationBuilder.DropIndex(
                name: "IX_Teams_LeadId",
                table: "Teams");

            migrationBuilder.DropColumn(
                name: "LeadId",
                table: "Teams");
        }
    }
}
