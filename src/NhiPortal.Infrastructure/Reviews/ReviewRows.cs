using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>
/// Inserts many new rows (review items, their audit events from <see cref="Audit.AuditWriter.Create"/>) in the caller's
/// open transaction: on SQLite through one prepared statement per table, elsewhere as one SaveChanges.
/// </summary>
internal static class ReviewRows
{
    public static async Task InsertAsync<T>(NhiPortalDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        if (db.Database.IsSqlite())
        {
            using var writer = new BulkInserter<T>(db, (SqliteConnection)db.Database.GetDbConnection());
            foreach (var row in rows)
            {
                writer.Insert(row);
            }
            return;
        }
        db.Set<T>().AddRange(rows);
        await db.SaveChangesAsync(ct);
    }

    public static Task InsertEventsAsync(NhiPortalDbContext db, IReadOnlyCollection<AuditEvent> events, CancellationToken ct) => InsertAsync(db, events, ct);
}
