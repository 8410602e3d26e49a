using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Hygiene;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Hygiene;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>
/// The credential workbook's rows, read with a data reader rather than an EF Core projection: at 3,000,000 rows the
/// projection (value converters, enum parsing, the shaper) cost about 2.5 times the bare read, more than the findings.
/// The SQL is plain enough for both providers (quoted names, LEFT JOINs, ORDER BY the key).
/// </summary>
internal static class CredentialHygieneRows
{
    private const string Query = """
        SELECT c."Id", c."Name", c."Kind", c."State", c."IdentityId", i."Name", i."Environment", s."DisplayName", s."IsActive", t."Name",
               c."Store", c."Fingerprint", c."IssuedUtc", c."ExpiresUtc", c."LastRotatedUtc", c."LastUsedUtc", c."IsDynamic", c."HygieneScore"
        FROM "Credentials" c
        LEFT JOIN "Identities" i ON c."IdentityId" = i."Id"
        LEFT JOIN "StaffMembers" s ON i."OwnerId" = s."Id"
        LEFT JOIN "Teams" t ON i."TeamId" = t."Id"
        ORDER BY c."Id"
        """;

    public static async IAsyncEnumerable<object?[]> ReadAsync(IDbContextFactory<NhiPortalDbContext> dbFactory, ScoringRun run, DateTime now,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = Query;
        // A report of millions of rows outlives any default command timeout; cancelling stops it.
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var kinds = Enum.GetValues<CredentialKind>().ToDictionary(k => k.ToString(), k => k, StringComparer.Ordinal);
        var active = CredentialState.Active.ToString();
        var findings = new StringBuilder(256);
        while (await reader.ReadAsync(ct))
        {
            var kind = reader.GetString(2);
            var state = reader.GetString(3);
            var identity = reader.IsDBNull(5) ? null : reader.GetString(5);
            var fingerprint = Fingerprint.Parse(reader.GetString(11));
            var issued = Utc(reader.GetDateTime(12));
            var expires = Date(reader, 13);
            var rotated = Date(reader, 14);
            var used = Date(reader, 15);
            var dynamic = reader.GetBoolean(16);
            int? score = reader.IsDBNull(17) ? null : reader.GetInt32(17);
            string? explained = null;
            if (state == active)
            {
                var result = run.Explain(reader.GetGuid(0), kinds[kind], reader.IsDBNull(4) ? null : reader.GetGuid(4), issued, expires, rotated, used, dynamic,
                    fingerprint.Value);
                explained = Describe(result.Findings, findings);
            }
            yield return
            [
                reader.GetString(1), kind, state, identity ?? "(shadow: no identity)", reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetBoolean(8), reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.GetString(10), fingerprint.Short, issued, (int)Math.Floor((now - issued).TotalDays), expires, rotated, used, dynamic, score,
                score is { } s ? HygieneGrades.Of(s).ToString() : null, explained,
            ];
        }
    }

    /// <summary>"−15 reason (NHI7 Long-Lived Secrets) −10 …", as the hygiene page words each finding.</summary>
    private static string Describe(IReadOnlyList<HygieneFinding> findings, StringBuilder text)
    {
        text.Clear();
        foreach (var f in findings)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }
            text.Append('−').Append(f.Penalty).Append(' ').Append(f.Reason).Append(" (").Append(HygieneScorer.Describe(f.Category)).Append(')');
        }
        return text.ToString();
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static DateTime? Date(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Utc(reader.GetDateTime(ordinal));
}
