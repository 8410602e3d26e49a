using Microsoft.Data.Sqlite;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Tests;

/// <summary>
/// The demo organisation seeded once per test run, at <see cref="TestDatabase.Now"/> with one chain key, and copied
/// into each test's database that asks for it: a file copy on SQLite, a template copy on PostgreSQL.
/// </summary>
public static class SeededDemoTemplate
{
    private const string PostgresName = "nhi_demo_template";
    private static readonly AuditChainKey Key = AuditChainKey.CreateRandom();
    private static readonly Lazy<Task<string>> SqliteFile = new(SeedSqliteAsync);
    private static readonly Lazy<Task> PostgresTemplate = new(SeedPostgresAsync);

    /// <summary>Makes the given migrated, untouched database a copy of the seeded demo; the copy's chain key.</summary>
    public static async Task<AuditChainKey> CopyToAsync(DatabaseSettings settings)
    {
        switch (settings.Provider)
        {
            case DatabaseProvider.Sqlite:
                var source = await SqliteFile.Value;
                var target = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
                foreach (var leftover in new[] { target + "-wal", target + "-shm" }.Where(File.Exists))
                {
                    File.Delete(leftover);
                }
                File.Copy(source, target, overwrite: true);
                break;
            case DatabaseProvider.PostgreSql:
                await PostgresTemplate.Value;
                await Task.Run(() => TestDatabaseServer.ReplaceWithCopy(settings.ConnectionString, PostgresName));
                break;
            default:
                throw new NotSupportedException($"No seeded template for {settings.Provider}.");
        }
        return Key;
    }

    private static async Task<string> SeedSqliteAsync()
    {
        var directory = Directory.CreateTempSubdirectory("nhiportal-demo-template-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(directory, recursive: true);
        var file = Path.Combine(directory, "demo.db");
        await SeedAsync(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=false", true), migrate: true);
        // Everything in the main file, so copying that one file copies the database.
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync();
        return file;
    }

    private static Task SeedPostgresAsync() =>
        TestDatabaseServer.CreateTemplateAsync(PostgresName, connectionString =>
            SeedAsync(new DatabaseSettings(DatabaseProvider.PostgreSql, connectionString, true), migrate: false));

    private static async Task SeedAsync(DatabaseSettings settings, bool migrate)
    {
        var options = DbContextOptionsFactory.Create(settings);
        if (migrate)
        {
            await using var context = new NhiPortalDbContext(options);
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(context.Database);
        }
        await TestDatabase.SeedDemoAsync(new NhiPortalDbContext(options), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestDatabase.Now), Key);
    }
}
