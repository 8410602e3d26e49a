using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Migrations.SqlServer;
using NhiPortal.Migrations.PostgreSql;
using NhiPortal.Migrations.Sqlite;

namespace NhiPortal.Infrastructure.Tests.Data;

public class MigrationTests
{
    private static readonly string[] Tables = ["Teams", "StaffMembers", "Identities", "Credentials", "AuditEvents", "DataProtectionKeys"];

    [Fact]
    [Trait("Database", "Sqlite")]
    public async Task SqliteMigrations_ApplyToAnEmptyFile_CreateEveryTable()
    {
        await using var db = new TestDatabase(DatabaseProvider.Sqlite);
        await using var context = db.CreateDbContext();

        await context.Database.MigrateAsync();

        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        await using var connection = new SqliteConnection(db.Settings.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        Assert.All(Tables, t => Assert.Contains(t, tables));
    }

    [Fact]
    public void SqliteMigrations_MatchTheModel()
    {
        using var context = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(context.Database.HasPendingModelChanges(), "run dotnet ef migrations add for SQLite");
    }

    [Fact]
    public void PostgreSqlMigrations_MatchTheModel()
    {
        using var context = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        Assert.False(context.Database.HasPendingModelChanges(), "run dotnet ef migrations add for PostgreSQL");
    }

    [Fact]
    [Trait("Database", "PostgreSql")]
    public async Task PostgreSqlMigrations_ApplyToAnEmptyDatabase_CreateEveryTable_AndTheCaseInsensitiveNames()
    {
        await using var db = new TestDatabase(DatabaseProvider.PostgreSql);
        await using var context = db.CreateDbContext();

        await context.Database.MigrateAsync();

        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        var tables = await context.Database.SqlQueryRaw<string>(
            "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'").ToListAsync();
        Assert.All(Tables, t => Assert.Contains(t, tables));
        // Names compare without case, as on SQLite (NOCASE) and SQL Server (its default collation).
        var collations = await context.Database.SqlQueryRaw<string>(
            "SELECT table_name || '.' || column_name || '=' || collation_name AS \"Value\" FROM information_schema.columns WHERE column_name IN ('Name', 'DisplayName') AND collation_name IS NOT NULL").ToListAsync();
        Assert.Equal(["Credentials.Name=case_insensitive", "Identities.Name=case_insensitive", "StaffMembers.DisplayName=case_insensitive"], collations.Order());
        Assert.Equal(1, await context.Database.SqlQueryRaw<int>(
            "SELECT COUNT(*)::int AS \"Value\" FROM (VALUES ('payments-API' COLLATE case_insensitive)) AS v(x) WHERE x = 'PAYMENTS-api'").SingleAsync());
    }

    [Fact]
    public void SqlServerMigrations_MatchTheModel()
    {
        using var context = new SqlServerDesignTimeFactory().CreateDbContext([]);

        Assert.False(context.Database.HasPendingModelChanges(), "run dotnet ef migrations add for SQL Server");
    }

    [Fact]
    public void SqlServerScript_CreatesEveryTableAndIndex_AndRecordsEveryMigration()
    {
        using var context = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var migrator = context.GetService<IMigrator>();

        var script = migrator.GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.All(Tables, t => Assert.Contains($"CREATE TABLE [{t}]", script, StringComparison.Ordinal));
        foreach (var migration in context.Database.GetMigrations())
        {
            Assert.Contains($"N'{migration}'", script, StringComparison.Ordinal);
        }
        var model = context.Model;
        foreach (var index in model.GetEntityTypes().SelectMany(e => e.GetIndexes()))
        {
            Assert.Contains($"[{index.GetDatabaseName()}]", script, StringComparison.Ordinal);
        }
        Assert.Contains("WHERE [ExternalId] IS NOT NULL", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AuditEvents")]
    [InlineData("AuditChainLinks")]
    [InlineData("ReviewCampaignResults")]
    public void SqlServerScript_CreatesTheAppendOnlyTrigger_ForEachInsertOnlyTable(string table)
    {
        using var context = new SqlServerDesignTimeFactory().CreateDbContext([]);

        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains($"CREATE TRIGGER [{table}_AppendOnly] ON [{table}] INSTEAD OF UPDATE, DELETE", script, StringComparison.Ordinal);
        Assert.Contains($"{table} is append-only", script, StringComparison.Ordinal);
    }

    [Fact]
    public void SqliteModel_NameColumnsAreCaseInsensitive_SoPrefixSearchUsesTheIndex()
    {
        using var context = new SqliteDesignTimeFactory().CreateDbContext([]);

        var name = context.GetService<IDesignTimeModel>().Model.FindEntityType(typeof(Core.Inventory.NonHumanIdentity))!.FindProperty("Name")!;

        Assert.Equal("NOCASE", name.GetCollation());
    }

    [Fact]
    public void Resolve_UnknownProvider_FailsWithTheSettingName()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.Resolve("Oracle", null, true, "/"));

        Assert.Contains("Database:Provider", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_SqlServerWithoutConnectionString_Fails() =>
        Assert.Throws<InvalidOperationException>(() => DatabaseSettings.Resolve("SqlServer", "", true, "/"));

    [Fact]
    public void Resolve_RelativeSqliteFile_IsAnchoredAtTheContentRoot()
    {
        var root = Directory.CreateTempSubdirectory("nhiportal-root-").FullName;

        var settings = DatabaseSettings.Resolve(null, "Data Source=App_Data/x.db", true, root);

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Contains(Path.Combine(root, "App_Data", "x.db"), settings.ConnectionString, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(root, "App_Data")));
        Directory.Delete(root, recursive: true);
    }
}
