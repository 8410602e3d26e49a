using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NhiPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DashboardSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DashboardSnapshots",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ComputedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AuditCursor = table.Column<long>(type: "INTEGER", nullable: false),
                    SummaryJson = table.Column<string>(type: "TEXT", nullable: false),
                    ProgrammeJson = table.Column<string>(type: "TEXT", nullable: false),
                    ElapsedMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardSnapshots", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DashboardSnapshots");
        }
    }
}
