using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace NhiPortal.Infrastructure.Data;

/// <summary>
/// PostgreSQL's COPY FROM STDIN in binary format, in the connection's open transaction: many rows of an entity type
/// (one COPY per table it maps to, as one connection runs one COPY at a time), or staged (id, value) pairs. Values
/// are those EF Core would send (<see cref="BulkColumns"/>); a test reads every column back through EF Core.
/// </summary>
internal static class PostgresCopy
{
    public static async Task InsertAsync<T>(DbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var sql = db.GetService<ISqlGenerationHelper>();
        foreach (var table in BulkColumns.For<T>(db))
        {
            var columns = table.Columns.Select(c => (Column: c, Type: TypeOf(c.ProviderType))).ToArray();
            var command = $"COPY {sql.DelimitIdentifier(table.Table, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column.Name)))}) FROM STDIN (FORMAT BINARY)";
            await using var importer = await connection.BeginBinaryImportAsync(command, ct);
            // Synchronous writes: millions of values, each buffered, and an await per value costs more than the copy.
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                importer.StartRow();
                foreach (var (column, type) in columns)
                {
                    Write(importer, column.Get(row), type);
                }
            }
            await importer.CompleteAsync(ct);
        }
    }

    /// <summary>Copies (id, value) pairs into a table of two columns, e.g. a temporary staging table.</summary>
    public static async Task CopyPairsAsync(NpgsqlConnection connection, string table, IEnumerable<KeyValuePair<Guid, int>> pairs, CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {table} (id, value) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var (id, value) in pairs)
        {
            importer.StartRow();
            importer.Write(id, NpgsqlDbType.Uuid);
            importer.Write(value, NpgsqlDbType.Integer);
        }
        await importer.CompleteAsync(ct);
    }

    private static void Write(NpgsqlBinaryImporter importer, object? value, NpgsqlDbType type)
    {
        switch (value)
        {
            case null:
                importer.WriteNull();
                break;
            case List<string> list:
                importer.Write(list.ToArray(), type);
                break;
            default:
                importer.Write(value, type);
                break;
        }
    }

    // Binary COPY sends no type per field: the server reads each field in its column's format, so text serves every
    // character varying column and the type only has to match the binary layout.
    private static NpgsqlDbType TypeOf(Type type) => type switch
    {
        _ when type == typeof(string) => NpgsqlDbType.Text,
        _ when type == typeof(Guid) => NpgsqlDbType.Uuid,
        _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => NpgsqlDbType.TimestampTz,
        _ when type == typeof(bool) => NpgsqlDbType.Boolean,
        _ when type == typeof(int) => NpgsqlDbType.Integer,
        _ when type == typeof(long) => NpgsqlDbType.Bigint,
        _ when type == typeof(double) => NpgsqlDbType.Double,
        _ when type == typeof(TimeSpan) => NpgsqlDbType.Interval,
        _ when type == typeof(byte[]) => NpgsqlDbType.Bytea,
        _ when type == typeof(List<string>) || type == typeof(string[]) => NpgsqlDbType.Array | NpgsqlDbType.Text,
        _ => throw new NotSupportedException($"No COPY type for {type.Name}."),
    };
}
