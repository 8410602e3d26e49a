using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace NhiPortal.Infrastructure.Data;

/// <summary>
/// Inserts many new rows in the caller's open transaction, by each provider's own bulk path: prepared statements
/// on SQLite (<see cref="BulkInserter{T}"/>), COPY on PostgreSQL, SqlBulkCopy on SQL Server; tracked inserts
/// elsewhere. The rows are not tracked afterwards.
/// </summary>
internal static class BulkRows
{
    public static async Task InsertAsync<T>(DbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (db.Database.IsSqlite())
            {
                using var writer = new BulkInserter<T>(db, (SqliteConnection)db.Database.GetDbConnection());
                foreach (var row in rows)
                {
                    writer.Insert(row);
                }
            }
            else if (db.Database.IsNpgsql())
            {
                await PostgresCopy.InsertAsync(db, rows, ct);
            }
            else if (db.Database.IsSqlServer())
            {
                await SqlServerBulkCopy.InsertAsync(db, rows, ct);
            }
            else
            {
                db.Set<T>().AddRange(rows);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
