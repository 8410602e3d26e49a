using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NhiPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CredentialFingerprintStateIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Credentials_Fingerprint",
                table: "Credentials");

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_Fingerprint_State",
                table: "Credentials",
                columns: new[] { "Fingerprint", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Credentials_Fingerprint_State",
                table: "Credentials");

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_Fingerprint",
                table: "Credentials",
                column: "Fingerprint");
        }
    }
}
