using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NhiPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ReviewStages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Critical",
                table: "ReviewItems",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "FinalStage",
                table: "ReviewItems",
                type: "bit",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<int>(
                name: "Stage",
                table: "ReviewItems",
                type: "int",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "CurrentStage",
                table: "ReviewCampaigns",
                type: "int",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<bool>(
                name: "SeparationOfDuties",
                table: "ReviewCampaigns",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "StageStartedUtc",
                table: "ReviewCampaigns",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StagesJson",
                table: "ReviewCampaigns",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Critical",
                table: "ReviewItems");

            migrationBuilder.DropColumn(
                name: "FinalStage",
                table: "ReviewItems");

            migrationBuilder.DropColumn(
                name: "Stage",
                table: "ReviewItems");

            migrationBuilder.DropColumn(
                name: "CurrentStage",
                table: "ReviewCampaigns");

            migrationBuilder.DropColumn(
                name: "SeparationOfDuties",
                table: "ReviewCampaigns");

            migrationBuilder.DropColumn(
                name: "StageStartedUtc",
                table: "ReviewCampaigns");

            migrationBuilder.DropColumn(
                name: "StagesJson",
                table: "ReviewCampaigns");
        }
    }
}
