using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Usage;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Usage;

/// <summary>
/// SQLite: the evaluator's one read as plain SQL over a data reader. At a million rows EF Core's materializer (and its
/// general date parsing) was most of the pass; this reads the stored text forms directly.
/// </summary>
internal static class SqliteEvaluationReader
{
    private const string Sql = """
        SELECT b."CredentialId", b."HourUtc", b."Network", b."Count", b."Refused", b."EvaluatedCount", b."FirstSeenUtc", b."LastSeenUtc", b."LastAddress", b."Target",
               b."UpdatedUtc", c."Name", c."IdentityId", c."State", c."StateChangedUtc", i."LifecycleState", i."OwnerId",
               s."CredentialId", s."FirstSeenUtc", s."LastSeenUtc", s."LastNetwork", s."Networks", s."HourOfWeek", s."DaysObserved", s."DailyMean", s."DailyM2",
               s."LastDayUtc", s."LastDayCount", s."VolumeAllowance", s."UpdatedUtc"
        FROM "UsageBuckets" b
        JOIN "Credentials" c ON c."Id" = b."CredentialId"
        LEFT JOIN "Identities" i ON i."Id" = c."IdentityId"
        LEFT JOIN "UsageBaselines" s ON s."CredentialId" = b."CredentialId"
        WHERE b."UpdatedUtc" >= $since AND b."Count" > b."EvaluatedCount"
        ORDER BY b."CredentialId"
        """;

    public static async IAsyncEnumerable<EvaluationRow> ReadAsync(SqliteConnection connection, DateTime since, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.CommandTimeout = 600;
        command.Parameters.AddWithValue("$since", since.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
        await using var r = await command.ExecuteReaderAsync(ct);
        Guid current = default;
        UsageBaseline? baseline = null;
        while (await r.ReadAsync(ct))
        {
            var credentialId = Guid.Parse(r.GetString(0));
            if (credentialId != current)
            {
                // One baseline per credential, however many of its buckets follow.
                current = credentialId;
                baseline = r.IsDBNull(17) ? null : new UsageBaseline
                {
                    CredentialId = credentialId, FirstSeenUtc = Time(r, 18), LastSeenUtc = Time(r, 19), LastNetwork = Text(r, 20),
                    Networks = JsonSerializer.Deserialize(r.GetString(21), StringListJson.Default.ListString) ?? [], HourOfWeek = r.GetString(22),
                    DaysObserved = r.GetInt32(23), DailyMean = r.GetDouble(24), DailyM2 = r.GetDouble(25), LastDayUtc = OptionalTime(r, 26),
                    LastDayCount = r.GetInt64(27), VolumeAllowance = r.IsDBNull(28) ? null : r.GetDouble(28), UpdatedUtc = Time(r, 29),
                };
            }
            yield return new EvaluationRow(credentialId, Time(r, 1), r.GetString(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), Time(r, 6), Time(r, 7),
                Text(r, 8), Text(r, 9), Time(r, 10), r.GetString(11), r.IsDBNull(12) ? null : Guid.Parse(r.GetString(12)), Enum.Parse<CredentialState>(r.GetString(13)),
                OptionalTime(r, 14), r.IsDBNull(15) ? null : Enum.Parse<IdentityLifecycleState>(r.GetString(15)), r.IsDBNull(16) ? null : Guid.Parse(r.GetString(16)),
                baseline);
        }
    }

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateTime? OptionalTime(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : Time(r, i);

    // The form EF Core writes: "yyyy-MM-dd HH:mm:ss" with up to seven fraction digits.
    private static DateTime Time(SqliteDataReader r, int i)
    {
        var s = r.GetString(i).AsSpan();
        var value = new DateTime(Int(s, 0, 4), Int(s, 5, 2), Int(s, 8, 2), Int(s, 11, 2), Int(s, 14, 2), Int(s, 17, 2), DateTimeKind.Utc);
        if (s.Length > 20)
        {
            var fraction = s[20..];
            var ticks = Int(fraction, 0, fraction.Length);
            for (var n = fraction.Length; n < 7; n++)
            {
                ticks *= 10;
            }
            value = value.AddTicks(ticks);
        }
        return value;
    }

    private static int Int(ReadOnlySpan<char> s, int start, int length)
    {
        var n = 0;
        foreach (var c in s.Slice(start, length))
        {
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
