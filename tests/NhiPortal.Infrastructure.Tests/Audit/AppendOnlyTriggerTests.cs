using Microsoft.Data.Sqlite;

namespace NhiPortal.Infrastructure.Tests.Audit;

/// <summary>The database itself refuses to change or remove what the application treats as insert-only.</summary>
public class AppendOnlyTriggerTests
{
    [Theory]
    [InlineData("AuditEvents", "UPDATE AuditEvents SET Summary = 'changed'")]
    [InlineData("AuditEvents", "DELETE FROM AuditEvents")]
    [InlineData("AuditChainLinks", "UPDATE AuditChainLinks SET Hash = 'changed'")]
    [InlineData("AuditChainLinks", "DELETE FROM AuditChainLinks")]
    [InlineData("ReviewCampaignResults", "UPDATE ReviewCampaignResults SET Sha256 = 'changed'")]
    [InlineData("ReviewCampaignResults", "DELETE FROM ReviewCampaignResults")]
    public async Task RawSql_UpdateOrDelete_IsRefusedByTheTrigger_AndTheRowStays(string table, string sql)
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
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

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
