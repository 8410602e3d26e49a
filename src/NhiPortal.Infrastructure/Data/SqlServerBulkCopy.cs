using System.Data;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace NhiPortal.Infrastructure.Data;

/// <summary>
/// SqlBulkCopy in the context's open transaction (SqlBulkCopy refuses a connection with a transaction it was not
/// given), one table at a time, in batches of rows shaped by <see cref="BulkColumns"/>. No SQL Server runs here:
/// written to Microsoft.Data.SqlClient's documented contract, and its tables are built and checked by a test.
/// </summary>
internal static class SqlServerBulkCopy
{
    private const int BatchSize = 50_000;

    public static async Task InsertAsync<T>(DbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        var connection = (SqlConnection)db.Database.GetDbConnection();
        var transaction = (SqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        var sql = db.GetService<ISqlGenerationHelper>();
        foreach (var table in BulkColumns.For<T>(db))
        {
            foreach (var batch in rows.Chunk(BatchSize))
            {
                using var data = Table(table, batch);
                await WriteAsync(connection, transaction, sql.DelimitIdentifier(table.Table, table.Schema), data, ct);
            }
        }
    }

    /// <summary>Copies (id, value) pairs into a two-column table, e.g. a #temporary staging table.</summary>
    public static async Task CopyPairsAsync(SqlConnection connection, SqlTransaction? transaction, string table, IEnumerable<KeyValuePair<Guid, int>> pairs,
        CancellationToken ct)
    {
        foreach (var batch in pairs.Chunk(BatchSize))
        {
            using var data = new DataTable();
            data.Columns.Add("Id", typeof(Guid));
            data.Columns.Add("Value", typeof(int));
            foreach (var (id, value) in batch)
            {
                data.Rows.Add(id, value);
            }
            await WriteAsync(connection, transaction, table, data, ct);
        }
    }

    /// <summary>The rows as SqlBulkCopy reads them: a column per mapped column, in the provider's types.</summary>
    internal static DataTable Table(BulkColumns table, IEnumerable<object> rows)
    {
        var data = new DataTable(table.Table);
        foreach (var column in table.Columns)
        {
            // A primitive collection is stored as a JSON array in nvarchar(max).
            var type = column.ProviderType == typeof(List<string>) ? typeof(string) : column.ProviderType;
            var added = data.Columns.Add(column.Name, type);
            added.AllowDBNull = column.IsNullable;
            if (type == typeof(DateTime))
            {
                // A DataTable keeps times unspecified unless told: every time in the model is UTC.
                added.DateTimeMode = DataSetDateTime.Utc;
            }
        }
        foreach (var row in rows)
        {
            data.Rows.Add(table.Columns.Select(c => c.Get(row) switch
            {
                null => DBNull.Value,
                List<string> list => System.Text.Json.JsonSerializer.Serialize(list, StringListJson.Default.ListString),
                var value => value,
            }).ToArray());
        }
        return data;
    }

    private static async Task WriteAsync(SqlConnection connection, SqlTransaction? transaction, string table, DataTable data, CancellationToken ct)
    {
        // Constraints checked and triggers fired, as an INSERT would; the column names matched, not their order.
        using var copy = new SqlBulkCopy(connection, SqlBulkCopyOptions.CheckConstraints | SqlBulkCopyOptions.FireTriggers, transaction)
        {
            DestinationTableName = table, BulkCopyTimeout = 0, BatchSize = BatchSize,
        };
        foreach (DataColumn column in data.Columns)
        {
            copy.ColumnMappings.Add(column.ColumnName, column.ColumnName);
        }
        await copy.WriteToServerAsync(data, ct);
    }
}
