using System.Text.Json;
using Microsoft.Data.Sqlite;
using NhiPortal.Core.Usage;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Usage;

/// <summary>SQLite: two prepared statements, run as the evaluator streams, inside its transaction.</summary>
internal sealed class SqliteBaselineSink(SqliteConnection connection) : IBaselineSink
{
    private readonly SqliteStatement _baseline = new(connection, """
        INSERT OR REPLACE INTO "UsageBaselines" ("CredentialId", "FirstSeenUtc", "LastSeenUtc", "LastNetwork", "Networks", "HourOfWeek", "DaysObserved",
            "DailyMean", "DailyM2", "LastDayUtc", "LastDayCount", "VolumeAllowance", "UpdatedUtc")
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
        """);

    private readonly SqliteStatement _evaluated = new(connection,
        """UPDATE "UsageBuckets" SET "EvaluatedCount" = ?4 WHERE "CredentialId" = ?1 AND "HourUtc" = ?2 AND "Network" = ?3""");

    public void Save(UsageBaseline b, bool isNew) =>
        _baseline.Bind(1, b.CredentialId).Bind(2, b.FirstSeenUtc).Bind(3, b.LastSeenUtc).Bind(4, b.LastNetwork)
            .Bind(5, JsonSerializer.Serialize(b.Networks, StringListJson.Default.ListString)).Bind(6, b.HourOfWeek).Bind(7, b.DaysObserved)
            .Bind(8, b.DailyMean).Bind(9, b.DailyM2).Bind(10, b.LastDayUtc).Bind(11, b.LastDayCount).Bind(12, b.VolumeAllowance).Bind(13, b.UpdatedUtc).Execute();

    public void MarkEvaluated(Guid credentialId, DateTime hourUtc, string network, long count) =>
        _evaluated.Bind(1, credentialId).Bind(2, hourUtc).Bind(3, network).Bind(4, count).Execute();

    public Task FlushAsync(CancellationToken ct) => Task.CompletedTask;

    public void Dispose()
    {
        _baseline.Dispose();
        _evaluated.Dispose();
    }
}
