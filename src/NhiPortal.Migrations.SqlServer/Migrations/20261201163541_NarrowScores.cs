using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NhiPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class NarrowScores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CredentialScores",
                columns: table => new
                {
                    CredentialId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Score = table.Column<int>(type: "int", nullable: true)
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

            // Every credential keeps its score: the narrow table gets one row per credential before the column goes.
            migrationBuilder.Sql("""
                INSERT INTO [CredentialScores] ([CredentialId], [Score]) SELECT [Id], [HygieneScore] FROM [Credentials];
                """);

            migrationBuilder.DropForeignKey(
                name: "FK_Credentials_Credentials_PredecessorId",
                table: "Credentials");

            migrationBuilder.DropForeignKey(
                name: "FK_LeakReports_Credentials_CredentialId",
                table: "LeakReports");

            migrationBuilder.DropForeignKey(
                name: "FK_RevocationSteps_Credentials_CredentialId",
                table: "RevocationSteps");

            migrationBuilder.DropColumn(
                name: "HygieneScore",
                table: "Credentials");

            migrationBuilder.AddForeignKey(
                name: "FK_Credentials_CredentialScores_PredecessorId",
                table: "Credentials",
                column: "PredecessorId",
                principalTable: "CredentialScores",
                principalColumn: "CredentialId",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_LeakReports_CredentialScores_CredentialId",
                table: "LeakReports",
                column: "CredentialId",
                principalTable: "CredentialScores",
                principalColumn: "CredentialId",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_RevocationSteps_CredentialScores_CredentialId",
                table: "RevocationSteps",
                column: "CredentialId",
                principalTable: "CredentialScores",
                principalColumn: "CredentialId",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Credentials_CredentialScores_PredecessorId",
                table: "Credentials");

            migrationBuilder.DropForeignKey(
                name: "FK_LeakReports_CredentialScores_CredentialId",
                table: "LeakReports");

            migrationBuilder.DropForeignKey(
                name: "FK_RevocationSteps_CredentialScores_CredentialId",
                table: "RevocationSteps");

            migrationBuilder.AddColumn<int>(
                name: "HygieneScore",
                table: "Credentials",
                type: "int",
                nullable: true);

            migrationBuilder.Sql("""
                UPDATE c SET c.[HygieneScore] = s.[Score] FROM [Credentials] AS c INNER JOIN [CredentialScores] AS s ON s.[CredentialId] = c.[Id];
                """);

            migrationBuilder.DropTable(
                name: "CredentialScores");

            migrationBuilder.AddForeignKey(
                name: "FK_Credentials_Credentials_PredecessorId",
                table: "Credentials",
                column: "PredecessorId",
                principalTable: "Credentials",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_LeakReports_Credentials_CredentialId",
                table: "LeakReports",
                column: "CredentialId",
                principalTable: "Credentials",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_RevocationSteps_Credentials_CredentialId",
                table: "RevocationSteps",
                column: "CredentialId",
                principalTable: "Credentials",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
