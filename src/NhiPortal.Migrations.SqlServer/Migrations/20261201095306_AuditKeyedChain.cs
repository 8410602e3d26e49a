using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NhiPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AuditKeyedChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Mac",
                table: "AuditEvents",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Algorithm",
                table: "AuditChainLinks",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "sha256");

            // Added by hand (migrationBuilder.Sql is the one place a generated migration may be extended): the database
            // itself refuses to change or remove audit events, chain links and frozen campaign results. A later migration
            // that rebuilds one of these tables must create its triggers again.
            migrationBuilder.Sql("CREATE TRIGGER [AuditEvents_AppendOnly] ON [AuditEvents] INSTEAD OF UPDATE, DELETE AS BEGIN SET NOCOUNT ON; THROW 51000, 'AuditEvents is append-only: UPDATE and DELETE are refused', 1; END;");
            migrationBuilder.Sql("CREATE TRIGGER [AuditChainLinks_AppendOnly] ON [AuditChainLinks] INSTEAD OF UPDATE, DELETE AS BEGIN SET NOCOUNT ON; THROW 51000, 'AuditChainLinks is append-only: UPDATE and DELETE are refused', 1; END;");
            migrationBuilder.Sql("CREATE TRIGGER [ReviewCampaignResults_AppendOnly] ON [ReviewCampaignResults] INSTEAD OF UPDATE, DELETE AS BEGIN SET NOCOUNT ON; THROW 51000, 'ReviewCampaignResults is append-only: UPDATE and DELETE are refused', 1; END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [AuditEvents_AppendOnly];");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [AuditChainLinks_AppendOnly];");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [ReviewCampaignResults_AppendOnly];");

            migrationBuilder.DropColumn(
                name: "Mac",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "Algorithm",
                table: "AuditChainLinks");
        }
    }
}
