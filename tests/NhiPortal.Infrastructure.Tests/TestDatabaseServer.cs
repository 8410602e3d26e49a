using Microsoft.EntityFrameworkCore;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Tests.Shared;
using Npgsql;

namespace NhiPortal.Infrastructure.Tests;

/// <summary>
/// Which database the suite runs on: SQLite files by default; with <c>NHI_TEST_DATABASE=PostgreSQL</c> (the test
/// command's second pass) one real PostgreSQL server for the whole run, a new database per test, copied from a
/// template migrated once.
/// </summary>
public static class TestDatabaseServer
{
    public const string Variable = "NHI_TEST_DATABASE";

    public static DatabaseProvider Provider { get; } =
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? Enum.Parse<DatabaseProvider>(value, ignoreCase: true)
            : DatabaseProvider.Sqlite;

    private const string Template = "nhi_template";
    private static readonly Lazy<Task<PostgresServer>> Server = new(StartAsync);
    private static readonly Lazy<Task> MigratedTemplate = new(MigrateTemplateAsync);

    /// <summary>A new empty database on the shared server; its connection string.</summary>
    public static string CreatePostgresDatabase(bool migrated)
    {
        var server = Server.Value.GetAwaiter().GetResult();
        if (migrated)
        {
            MigratedTemplate.Value.GetAwaiter().GetResult();
        }
        var name = "t_" + Guid.NewGuid().ToString("N");
        Execute(server, $"CREATE DATABASE {name} TEMPLATE {(migrated ? Template : "template0")}");
        return DatabaseConnection(server, name);
    }

    public static void DropPostgresDatabase(string connectionString)
    {
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        Execute(Server.Value.GetAwaiter().GetResult(), $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    /// <summary>A database made from the migrated template and filled once; nobody stays connected to it.</summary>
    public static async Task CreateTemplateAsync(string name, Func<string, Task> fill)
    {
        var connectionString = CreatePostgresDatabase(migrated: true);
        await fill(connectionString);
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        var server = await Server.Value;
        Execute(server, $"ALTER DATABASE {new NpgsqlConnectionStringBuilder(connectionString).Database} RENAME TO {name}");
    }

    /// <summary>Replaces a test's database by a copy of a template, under the same name.</summary>
    public static void ReplaceWithCopy(string connectionString, string template)
    {
        DropPostgresDatabase(connectionString);
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        Execute(Server.Value.GetAwaiter().GetResult(), $"CREATE DATABASE {name} TEMPLATE {template}");
    }

    private static string DatabaseConnection(PostgresServer server, string database) =>
        new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = database, Timeout = 15, CommandTimeout = 60 }.ConnectionString;

    private static void Execute(PostgresServer server, string sql)
    {
        using var connection = new NpgsqlConnection(server.AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var server = await PostgresServer.StartAsync();
        // One server for the whole test process; it goes when the process does.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }

    private static async Task MigrateTemplateAsync()
    {
        var server = await Server.Value;
        Execute(server, $"CREATE DATABASE {Template}");
        var connectionString = DatabaseConnection(server, Template);
        await using (var db = new NhiPortalDbContext(DbContextOptionsFactory.Create(new DatabaseSettings(DatabaseProvider.PostgreSql, connectionString, true))))
        {
            await db.Database.MigrateAsync();
        }
        // A template is copied only while nobody is connected to it.
        using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);
    }
}
