using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NhiPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RunStepCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "StepsFailed",
                table: "RevocationRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "StepsPending",
                table: "RevocationRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "StepsProbeFailed",
                table: "RevocationRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "StepsRevoked",
                table: "RevocationRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "StepsVerified",
                table: "RevocationRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "StepsFailed",
                table: "RevocationRuns");

            migrationBuilder.DropColumn(
                name: "StepsPending",
                table: "RevocationRuns");

            migrationBuilder.DropColumn(
                name: "StepsProbeFailed",
                table: "RevocationRuns");

            migrationBuilder.DropColumn(
                name: "StepsRevoked",
                table: "RevocationRuns");

            migrationBuilder.DropColumn(
                name: "StepsVerified",
                table: "RevocationRuns");
        }
    }
}
