using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NhiPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Hygiene : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "HygieneScore",
                table: "Identities",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "HygieneScore",
                table: "Credentials",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "HygienePolicyVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    PolicyJson = table.Column<string>(type: "TEXT", nullable: false),
                    SavedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SavedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HygienePolicyVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HygieneSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TakenUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PolicyVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    ScoredCredentials = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationScore = table.Column<double>(type: "REAL", nullable: false),
                    BreakdownJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HygieneSnapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JobLeases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ExpiresUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobLeases", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Identities_HygieneScore_Name",
                table: "Identities",
                columns: new[] { "HygieneScore", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_HygienePolicyVersions_Version",
                table: "HygienePolicyVersions",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HygieneSnapshots_TakenUtc",
                table: "HygieneSnapshots",
                column: "TakenUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HygienePolicyVersions");

            migrationBuilder.DropTable(
                name: "HygieneSnapshots");

            migrationBuilder.DropTable(
                name: "JobLeases");

            migrationBuilder.DropIndex(
                name: "IX_Identities_HygieneScore_Name",
                table: "Identities");

            migrationBuilder.DropColumn(
                name: "HygieneScore",
                table: "Identities");

            migrationBuilder.DropColumn(
                name: "HygieneScore",
                table: "Credentials");
        }
    }
}
