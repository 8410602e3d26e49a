using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Credentials;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Hygiene;

/// <summary>
/// SQLite's full rescore write, in one transaction: the scoring facts streamed off the credentials table by a data
/// reader and scored in .NET, staged by id, then one UPDATE of the narrow score table that rewrites only the scores
/// that changed; identities by one UPDATE through a SQL function over this run's credential scores.
/// </summary>
internal static class SqliteRescoreWriter
{
    private const string ReadFacts = """
        SELECT "Id", "Kind", "IdentityId", julianday("IssuedUtc"), julianday("ExpiresUtc"), julianday("LastRotatedUtc"), julianday("LastUsedUtc"),
            "IsDynamic", "Fingerprint"
        FROM "Credentials" WHERE "State" = 'Active'
        """;

    // One pass over the narrow table in its own order: no lookups, and unchanged rows are not rewritten.
    private const string WriteChanged = """
        UPDATE "CredentialScores" SET "Score" = nhi_staged_score("CredentialId")
        WHERE "Score" IS NOT nhi_staged_score("CredentialId")
        """;

    private static readonly Dictionary<string, CredentialKind> Kinds = Enum.GetValues<CredentialKind>().ToDictionary(k => k.ToString());

    /// <summary>Writes every score of <paramref name="run"/>; returns the number of identities scored.</summary>
    public static async Task<int> WriteAsync(NhiPortalDbContext db, ScoringRun run, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            // The staged UPDATE and the identity index are random access: with SQLite's default 2 MB page cache every
            // lookup is a read from the OS (a first rescore at 1M/3M took 325 s that way). Restored afterwards.
            var cacheSize = await db.Database.SqlQueryRaw<long>("SELECT cache_size AS Value FROM pragma_cache_size()").SingleAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144", ct);
            try
            {
                return await WriteInTransactionAsync(db, connection, run, ct);
            }
            finally
            {
                var restore = $"PRAGMA cache_size = {cacheSize}";
                await db.Database.ExecuteSqlRawAsync(restore, CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<int> WriteInTransactionAsync(NhiPortalDbContext db, SqliteConnection connection, ScoringRun run, CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // Read and scored before the transaction: SQLite's transaction holds the only writer, and every save in the
        // portal (an owner change, a decision) would wait behind the scoring too. A change made meanwhile asks for its
        // own rescore through the outbox.
        var scores = Stage(connection, run, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Inactive credentials are not staged: their scores become null in the same pass.
        connection.CreateFunction<string, int?>("nhi_staged_score", id => scores.TryGetValue(Guid.Parse(id), out var score) ? score : null, isDeterministic: false);
        var staged = watch.Elapsed;
        await db.Database.ExecuteSqlRawAsync(WriteChanged, ct);
        var written = watch.Elapsed;
        connection.CreateFunction<string, int>("nhi_identity_score", id => run.ScoreIdentity(Guid.Parse(id)), isDeterministic: false);
        await db.Database.ExecuteSqlRawAsync("""
            UPDATE "Identities" SET "HygieneScore" = nhi_identity_score("Id") WHERE "HygieneScore" IS NOT nhi_identity_score("Id")
            """, ct);
        await transaction.CommitAsync(ct);
        RescorePhases.Last = new(staged, written - staged, watch.Elapsed - written);
        return await db.Identities.CountAsync(ct);
    }


    private const int BatchSize = 4_096;

    // As read: parsing ids and dates is left to the scoring thread, so the reader does no more than SQLite's steps.
    private readonly record struct Facts(string Id, string Kind, string? IdentityId, double Issued, double? Expires, double? Rotated,
        double? Used, bool Dynamic, string Fingerprint);

    // Synchronous on purpose: millions of rows, and an async read per row costs more than the scoring. The scores are
    // staged in memory (about 30 bytes a credential) rather than a temporary table: joining a staged table back to the
    // score table costs a B-tree lookup per row, which was 17x the bare write at 3,000,000 rows. Reading (SQLite's
    // steps, the ids' parsing) and scoring take about the same time, so they run on two threads, batch by batch.
    private static Dictionary<Guid, int> Stage(SqliteConnection connection, ScoringRun run, CancellationToken ct)
    {
        using var count = connection.CreateCommand();
        count.CommandText = """SELECT COUNT(*) FROM "Credentials" WHERE "State" = 'Active'""";
        // Sized once: growing a dictionary of millions rehashes it several times.
        var scores = new Dictionary<Guid, int>((int)(long)count.ExecuteScalar()!);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var batches = new BlockingCollection<Facts[]>(boundedCapacity: 8);
        var scoring = Task.Run(() =>
        {
            try
            {
                foreach (var batch in batches.GetConsumingEnumerable(failed.Token))
                {
                    foreach (var f in batch)
                    {
                        var id = Guid.Parse(f.Id);
                        scores[id] = run.Score(id, Kinds[f.Kind], f.IdentityId is null ? null : Guid.Parse(f.IdentityId), FromJulian(f.Issued),
                            FromJulian(f.Expires), FromJulian(f.Rotated), FromJulian(f.Used), f.Dynamic, f.Fingerprint);
                    }
                }
            }
            catch
            {
                // The reader must not wait for room that will never come.
                failed.Cancel();
                throw;
            }
        }, CancellationToken.None);
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = ReadFacts;
            using var reader = command.ExecuteReader();
            var batch = new Facts[BatchSize];
            var filled = 0;
            while (reader.Read())
            {
                batch[filled++] = new Facts(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.GetDouble(3), Nullable(reader, 4), Nullable(reader, 5), Nullable(reader, 6), reader.GetInt64(7) != 0, reader.GetString(8));
                if (filled == BatchSize)
                {
                    batches.Add(batch, failed.Token);
                    batch = new Facts[BatchSize];
                    filled = 0;
                }
            }
            if (filled > 0)
            {
                batches.Add(batch[..filled], failed.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Only the scoring thread's failure cancels this: its own error is the one to report (below).
        }
        finally
        {
            batches.CompleteAdding();
        }
        scoring.GetAwaiter().GetResult();
        return scores;
    }

    // Rounded to the millisecond, so a date exactly N days old is N days old on both write paths.
    internal static DateTime FromJulian(double julianDay) =>
        DateTime.SpecifyKind(DateTime.UnixEpoch.AddMilliseconds(Math.Round((julianDay - 2440587.5) * 86_400_000)), DateTimeKind.Utc);

    private static DateTime? FromJulian(double? julianDay) => julianDay is { } day ? FromJulian(day) : null;

    private static double? Nullable(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
}
