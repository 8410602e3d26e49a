using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NhiPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class GridSortAndOrphanIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Credentials_State_ExpiresUtc",
                table: "Credentials");

            migrationBuilder.CreateIndex(
                name: "IX_Identities_OwnerId_TeamId_LifecycleState",
                table: "Identities",
                columns: new[] { "OwnerId", "TeamId", "LifecycleState" });

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_ExpiresUtc_Id",
                table: "Credentials",
                columns: new[] { "ExpiresUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_IssuedUtc_Id",
                table: "Credentials",
                columns: new[] { "IssuedUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_LastRotatedUtc_Id",
                table: "Credentials",
                columns: new[] { "LastRotatedUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_LastUsedUtc_Id",
                table: "Credentials",
                columns: new[] { "LastUsedUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_State_ExpiresUtc_IsDynamic",
                table: "Credentials",
                columns: new[] { "State", "ExpiresUtc", "IsDynamic" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Identities_OwnerId_TeamId_LifecycleState",
                table: "Identities");

            migrationBuilder.DropIndex(
                name: "IX_Credentials_ExpiresUtc_Id",
                table: "Credentials");

            migrationBuilder.DropIndex(
                name: "IX_Credentials_IssuedUtc_Id",
                table: "Credentials");

            migrationBuilder.DropIndex(
                name: "IX_Credentials_LastRotatedUtc_Id",
                table: "Credentials");

            migrationBuilder.DropIndex(
                name: "IX_Credentials_LastUsedUtc_Id",
                table: "Credentials");

            migrationBuilder.DropIndex(
                name: "IX_Credentials_State_ExpiresUtc_IsDynamic",
                table: "Credentials");

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_State_ExpiresUtc",
                table: "Credentials",
                columns: new[] { "State", "ExpiresUtc" });
        }
    }
}
