using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NhiPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ManagersAndEscalationChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ManagerId",
                table: "StaffMembers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "EscalationStep",
                table: "ReviewItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "WithFallbacks",
                table: "ReviewItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "MoreFallbackReviewers",
                table: "ReviewCampaigns",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_StaffMembers_ManagerId",
                table: "StaffMembers",
                column: "ManagerId");

            migrationBuilder.AddForeignKey(
                name: "FK_StaffMembers_StaffMembers_ManagerId",
                table: "StaffMembers",
                column: "ManagerId",
                principalTable: "StaffMembers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // Items escalated before the chain existed were open to the fallback reviewer: they stay so, at the chain's end.
            migrationBuilder.Sql("UPDATE \"ReviewItems\" SET \"WithFallbacks\" = 1, \"EscalationStep\" = 3 WHERE \"Status\" = 'Escalated';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_StaffMembers_StaffMembers_ManagerId",
                table: "StaffMembers");

            migrationBuilder.DropIndex(
                name: "IX_StaffMembers_ManagerId",
                table: "StaffMembers");

            migrationBuilder.DropColumn(
                name: "ManagerId",
                table: "StaffMembers");

            migrationBuilder.DropColumn(
                name: "EscalationStep",
                table: "ReviewItems");

            migrationBuilder.DropColumn(
                name: "WithFallbacks",
                table: "ReviewItems");

            migrationBuilder.DropColumn(
                name: "MoreFallbackReviewers",
                table: "ReviewCampaigns");
        }
    }
}
