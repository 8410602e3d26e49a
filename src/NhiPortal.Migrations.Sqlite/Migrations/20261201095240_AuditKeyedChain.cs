using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NhiPortal.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Algorithm",
                table: "AuditChainLinks",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "sha256");

            // Added by hand (migrationBuilder.Sql is the one place a generated migration may be extended): the database
            // itself refuses to change or remove audit events, chain links and frozen campaign results. A later migration
            // that rebuilds one of these tables must create its triggers again.
            migrationBuilder.Sql("CREATE TRIGGER AuditEvents_NoUpdate BEFORE UPDATE ON AuditEvents BEGIN SELECT RAISE(ABORT, 'AuditEvents is append-only: UPDATE refused'); END;");
            migrationBuilder.Sql("CREATE TRIGGER AuditEvents_NoDelete BEFORE DELETE ON AuditEvents BEGIN SELECT RAISE(ABORT, 'AuditEvents is append-only: DELETE refused'); END;");
            migrationBuilder.Sql("CREATE TRIGGER AuditChainLinks_NoUpdate BEFORE UPDATE ON AuditChainLinks BEGIN SELECT RAISE(ABORT, 'AuditChainLinks is append-only: UPDATE refused'); END;");
            migrationBuilder.Sql("CREATE TRIGGER AuditChainLinks_NoDelete BEFORE DELETE ON AuditChainLinks BEGIN SELECT RAISE(ABORT, 'AuditChainLinks is append-only: DELETE refused'); END;");
            migrationBuilder.Sql("CREATE TRIGGER ReviewCampaignResults_NoUpdate BEFORE UPDATE ON ReviewCampaignResults BEGIN SELECT RAISE(ABORT, 'ReviewCampaignResults is append-only: UPDATE refused'); END;");
            migrationBuilder.Sql("CREATE TRIGGER ReviewCampaignResults_NoDelete BEFORE DELETE ON ReviewCampaignResults BEGIN SELECT RAISE(ABORT, 'ReviewCampaignResults is append-only: DELETE refused'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditEvents_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditEvents_NoDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditChainLinks_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditChainLinks_NoDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ReviewCampaignResults_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ReviewCampaignResults_NoDelete;");

            migrationBuilder.DropColumn(
                name: "Mac",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "Algorithm",
                table: "AuditChainLinks");
        }
    }
}
