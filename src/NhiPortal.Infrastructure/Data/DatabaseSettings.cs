using Microsoft.Data.Sqlite;

namespace NhiPortal.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

/// <summary><c>Database:Provider</c> and <c>ConnectionStrings:NhiPortal</c>, resolved once at start-up.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, bool MigrateOnStartup)
{
    public const string SqliteMigrationsAssembly = "NhiPortal.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "NhiPortal.Migrations.SqlServer";
    public const string PostgreSqlMigrationsAssembly = "NhiPortal.Migrations.PostgreSql";
    public const string DefaultSqliteConnection = "Data Source=App_Data/nhiportal.db";

    public static DatabaseSettings Resolve(string? provider, string? connectionString, bool migrateOnStartup, string contentRoot)
    {
        var parsed = string.IsNullOrWhiteSpace(provider) ? DatabaseProvider.Sqlite
            : Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var p) && Enum.IsDefined(p) ? p
            : throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use Sqlite, SqlServer or PostgreSQL.");
        return parsed switch
        {
            DatabaseProvider.Sqlite => new(parsed, AnchorSqlitePath(connectionString ?? DefaultSqliteConnection, contentRoot), migrateOnStartup),
            _ => new(parsed, string.IsNullOrWhiteSpace(connectionString)
                ? throw new InvalidOperationException($"Database:Provider is {provider} but ConnectionStrings:NhiPortal is empty.")
                : connectionString, migrateOnStartup),
        };
    }

    // A relative SQLite file lives under the content root, whatever directory the portal was started from.
    private static string AnchorSqlitePath(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return builder.ToString();
        }
        var path = Path.IsPathRooted(builder.DataSource) ? builder.DataSource : Path.Combine(contentRoot, builder.DataSource);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        builder.DataSource = Path.GetFullPath(path);
        return builder.ToString();
    }
}
