using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NhiPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReviewWorkItems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "DecidedById",
                table: "ReviewItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReviewWorkItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    IdentityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IdentityName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AssigneeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ClosedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewWorkItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewWorkItems_Identities_IdentityId",
                        column: x => x.IdentityId,
                        principalTable: "Identities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReviewWorkItems_ReviewCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "ReviewCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReviewWorkItems_ReviewItems_ReviewItemId",
                        column: x => x.ReviewItemId,
                        principalTable: "ReviewItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReviewWorkItems_StaffMembers_AssigneeId",
                        column: x => x.AssigneeId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewWorkItems_AssigneeId_State_DueUtc",
                table: "ReviewWorkItems",
                columns: new[] { "AssigneeId", "State", "DueUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewWorkItems_CampaignId",
                table: "ReviewWorkItems",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewWorkItems_IdentityId",
                table: "ReviewWorkItems",
                column: "IdentityId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewWorkItems_ReviewItemId",
                table: "ReviewWorkItems",
                column: "ReviewItemId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewWorkItems_State_DueUtc",
                table: "ReviewWorkItems",
                columns: new[] { "State", "DueUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReviewWorkItems");

            migrationBuilder.DropColumn(
                name: "DecidedById",
                table: "ReviewItems");
        }
    }
}
