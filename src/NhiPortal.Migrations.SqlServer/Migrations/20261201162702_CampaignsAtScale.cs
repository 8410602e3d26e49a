using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NhiPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CampaignsAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReviewItems_ReviewerId_Status",
                table: "ReviewItems");

            migrationBuilder.AddColumn<Guid>(
                name: "BuildCursor",
                table: "ReviewCampaigns",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ItemsBuilt",
                table: "ReviewCampaigns",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ItemsExpected",
                table: "ReviewCampaigns",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "StartRequestedUtc",
                table: "ReviewCampaigns",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewItems_ReviewerId_Status_EvidenceScore",
                table: "ReviewItems",
                columns: new[] { "ReviewerId", "Status", "EvidenceScore" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReviewItems_ReviewerId_Status_EvidenceScore",
                table: "ReviewItems");

            migrationBuilder.DropColumn(
                name: "BuildCursor",
                table: "ReviewCampaigns");

            migrationBuilder.DropColumn(
                name: "ItemsBuilt",
                table: "ReviewCampaigns");

            migrationBuilder.DropColumn(
                name: "ItemsExpected",
                table: "ReviewCampaigns");

            migrationBuilder.DropColumn(
                name: "StartRequestedUtc",
                table: "ReviewCampaigns");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewItems_ReviewerId_Status",
                table: "ReviewItems",
                columns: new[] { "ReviewerId", "Status" });
        }
    }
}
