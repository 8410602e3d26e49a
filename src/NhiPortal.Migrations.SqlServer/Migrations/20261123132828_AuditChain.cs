using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NhiPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditChainLinks",
                columns: table => new
                {
                    EventId = table.Column<long>(type: "bigint", nullable: false),
                    Stream = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    PreviousHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    SealedUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditChainLinks", x => x.EventId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditChainLinks_Stream_Sequence",
                table: "AuditChainLinks",
                columns: new[] { "Stream", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditChainLinks");
        }
    }
}
