using Microsoft.Data.Sqlite;
using NhiPortal.Infrastructure.Data;
using Npgsql;

namespace NhiPortal.Infrastructure.Tests.Audit;

/// <summary>The database itself refuses to change or remove what the application treats as insert-only.</summary>
public class AppendOnlyTriggerTests
{
    // SQLite here; PostgreSQL below, each with its own raw connection (SQL Server's triggers are checked in its script).
    [Theory]
    [Trait("Database", "Sqlite")]
    [InlineData("AuditEvents", "UPDATE AuditEvents SET Summary = 'changed'")]
    [InlineData("AuditEvents", "DELETE FROM AuditEvents")]
    [InlineData("AuditChainLinks", "UPDATE AuditChainLinks SET Hash = 'changed'")]
    [InlineData("AuditChainLinks", "DELETE FROM AuditChainLinks")]
    [InlineData("ReviewCampaignResults", "UPDATE ReviewCampaignResults SET Sha256 = 'changed'")]
    [InlineData("ReviewCampaignResults", "DELETE FROM ReviewCampaignResults")]
    public async Task RawSql_UpdateOrDelete_IsRefusedByTheTrigger_AndTheRowStays(string table, string sql)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        // Foreign keys off, so each table can get one row without its parents.
        await using var connection = new SqliteConnection(database.Settings.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA foreign_keys = OFF");
        await ExecuteAsync(connection,
            "INSERT INTO AuditEvents (Stream, Type, OccurredUtc, Actor, TargetType, Summary) VALUES ('Access', 'Test', '2026-11-23 09:00:00', 'x', 'None', 'original')");
        await ExecuteAsync(connection,
            "INSERT INTO AuditChainLinks (EventId, Stream, Sequence, PreviousHash, Hash, SealedUtc) VALUES (1, 'Access', 1, '', 'original', '2026-11-23 09:00:00')");
        await ExecuteAsync(connection,
            "INSERT INTO ReviewCampaignResults (CampaignId, ClosedUtc, ResultJson, Sha256) VALUES ('6F9619FF-8B86-D011-B42D-00C04FC964FF', '2026-11-23 09:00:00', '{}', 'original')");

        var refused = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(connection, sql));

        Assert.Contains($"{table} is append-only", refused.Message, StringComparison.Ordinal);
        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM {table}";
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Theory]
    [Trait("Database", "PostgreSql")]
    [InlineData("AuditEvents", "UPDATE \"AuditEvents\" SET \"Summary\" = 'changed'")]
    [InlineData("AuditEvents", "DELETE FROM \"AuditEvents\"")]
    [InlineData("AuditEvents", "TRUNCATE \"AuditEvents\" CASCADE")]
    [InlineData("AuditChainLinks", "UPDATE \"AuditChainLinks\" SET \"Hash\" = 'changed'")]
    [InlineData("AuditChainLinks", "DELETE FROM \"AuditChainLinks\"")]
    [InlineData("AuditChainLinks", "TRUNCATE \"AuditChainLinks\"")]
    [InlineData("ReviewCampaignResults", "UPDATE \"ReviewCampaignResults\" SET \"Sha256\" = 'changed'")]
    [InlineData("ReviewCampaignResults", "DELETE FROM \"ReviewCampaignResults\"")]
    [InlineData("ReviewCampaignResults", "TRUNCATE \"ReviewCampaignResults\"")]
    public async Task RawSql_OnPostgreSql_UpdateDeleteOrTruncate_IsRefusedByTheTrigger_AndTheRowStays(string table, string sql)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.PostgreSql);
        await using var connection = new NpgsqlConnection(database.Settings.ConnectionString);
        await connection.OpenAsync();
        // Foreign-key checks off for this session (they are triggers too), so each table can get one row without its parents.
        await ExecuteAsync(connection, "SET session_replication_role = replica");
        await ExecuteAsync(connection, """
            INSERT INTO "AuditEvents" ("Id", "Stream", "Type", "OccurredUtc", "Actor", "TargetType", "Summary") VALUES (1, 'Access', 'Test', '2026-11-23 09:00:00Z', 'x', 'None', 'original');
            INSERT INTO "AuditChainLinks" ("EventId", "Stream", "Sequence", "PreviousHash", "Hash", "SealedUtc", "Algorithm") VALUES (1, 'Access', 1, '', 'original', '2026-11-23 09:00:00Z', 'sha256');
            INSERT INTO "ReviewCampaignResults" ("CampaignId", "ClosedUtc", "ResultJson", "Sha256") VALUES ('6F9619FF-8B86-D011-B42D-00C04FC964FF', '2026-11-23 09:00:00Z', '{}', 'original');
            """);
        await ExecuteAsync(connection, "SET session_replication_role = DEFAULT");

        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, sql));

        Assert.Contains($"{table} is append-only", refused.MessageText, StringComparison.Ordinal);
        await using var count = new NpgsqlCommand($"SELECT COUNT(*) FROM \"{table}\"", connection);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
