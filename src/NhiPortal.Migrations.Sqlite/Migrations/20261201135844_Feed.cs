using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NhiPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Feed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FeedDestinations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Tls = table.Column<bool>(type: "INTEGER", nullable: false),
                    CaFile = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    PinnedThumbprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SecretVariable = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    SecretFile = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    PreviousSecretVariable = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    PreviousSecretFile = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Cursor = table.Column<long>(type: "INTEGER", nullable: false),
                    DeliveredCount = table.Column<long>(type: "INTEGER", nullable: false),
                    FailureCount = table.Column<long>(type: "INTEGER", nullable: false),
                    ConsecutiveFailures = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    LastDeliveredUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NextAttemptUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastHeadsUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedDestinations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FeedDestinations_Name",
                table: "FeedDestinations",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FeedDestinations");
        }
    }
}
