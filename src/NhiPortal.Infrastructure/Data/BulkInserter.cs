using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SQLitePCL;

namespace NhiPortal.Infrastructure.Data;

/// <summary>
/// A prepared SQLite INSERT for one entity type, driven by the EF Core model (columns, value converters) and bound
/// through SQLite's own API by position: millions of rows without tracking, readers or per-row allocations.
/// Values are stored in the forms EF Core reads back (a test round-trips every column).
/// </summary>
internal sealed class BulkInserter<T> : IDisposable where T : class
{
    private readonly sqlite3 _db;
    private readonly (sqlite3_stmt Statement, (Func<T, object?> Get, ValueConverter? Converter)[] Columns)[] _tables;
    private sqlite3_stmt _statement = null!;

    public BulkInserter(DbContext context, SqliteConnection connection)
    {
        var entity = context.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var sql = context.GetService<ISqlGenerationHelper>();
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        // One INSERT per table the entity maps to (the main table first, then split tables such as CredentialScores),
        // each with the key and the columns of that table.
        _tables = entity.GetTableMappings().OrderByDescending(m => m.Table.Name == entity.GetTableName()).Select(mapping =>
        {
            // Database-generated integer keys (the audit sequence) are left to the database.
            var columns = mapping.ColumnMappings
                .Where(c => !BulkColumns.IsGeneratedKey(c.Property) && c.Property.PropertyInfo is not null)
                .ToArray();
            var names = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column.Name)));
            var values = string.Join(", ", columns.Select(_ => "?"));
            Check(raw.sqlite3_prepare_v2(_db, $"INSERT INTO {sql.DelimitIdentifier(mapping.Table.Name)} ({names}) VALUES ({values})", out var statement));
            return (statement, columns.Select(c => (Getter(c.Property.PropertyInfo!), ((RelationalTypeMapping)c.Property.GetTypeMapping()).Converter)).ToArray());
        }).ToArray();
    }

    public void Insert(T row)
    {
        foreach (var (statement, columns) in _tables)
        {
            _statement = statement;
            for (var i = 0; i < columns.Length; i++)
            {
                var (get, converter) = columns[i];
                var value = get(row);
                if (value is List<string> list)
                {
                    // Primitive collections are stored as a JSON array; EF's converter is generic and slow at this volume.
                    value = System.Text.Json.JsonSerializer.Serialize(list, StringListJson.Default.ListString);
                }
                else if (value is not null && converter is not null)
                {
                    value = converter.ConvertToProvider(value);
                }
                Check(Bind(i + 1, value));
            }
            var rc = raw.sqlite3_step(statement);
            raw.sqlite3_reset(statement);
            if (rc != raw.SQLITE_DONE)
            {
                Check(rc);
            }
        }
    }

    private int Bind(int index, object? value) => value switch
    {
        null => raw.sqlite3_bind_null(_statement, index),
        string s => BindText(index, s),
        bool b => raw.sqlite3_bind_int64(_statement, index, b ? 1 : 0),
        int n => raw.sqlite3_bind_int64(_statement, index, n),
        long n => raw.sqlite3_bind_int64(_statement, index, n),
        double d => raw.sqlite3_bind_double(_statement, index, d),
        // The text forms Microsoft.Data.Sqlite writes and EF Core's SQLite provider reads and compares.
        DateTime d => BindFormatted(index, d, "yyyy-MM-dd HH:mm:ss.FFFFFFF"),
        Guid g => BindGuid(index, g),
        TimeSpan t => BindFormatted(index, t, "c"),
        byte[] bytes => raw.sqlite3_bind_blob(_statement, index, bytes),
        _ => throw new NotSupportedException($"{typeof(T).Name}: no SQLite binding for {value.GetType().Name}."),
    };

    // UTF-8 into a reused buffer; SQLite copies it (SQLITE_TRANSIENT), so nothing is allocated per value.
    private readonly byte[] _utf8 = new byte[4096];
    private readonly char[] _chars = new char[64];

    private int BindText(int index, ReadOnlySpan<char> text)
    {
        if (System.Text.Encoding.UTF8.GetMaxByteCount(text.Length) > _utf8.Length)
        {
            return raw.sqlite3_bind_text(_statement, index, text.ToString());
        }
        var length = System.Text.Encoding.UTF8.GetBytes(text, _utf8);
        return raw.sqlite3_bind_text(_statement, index, _utf8.AsSpan(0, length));
    }

    private int BindFormatted<TValue>(int index, TValue value, string format) where TValue : ISpanFormattable =>
        value.TryFormat(_chars, out var written, format, CultureInfo.InvariantCulture)
            ? BindText(index, _chars.AsSpan(0, written))
            : throw new FormatException($"{typeof(TValue).Name} did not fit the buffer.");

    private int BindGuid(int index, Guid value)
    {
        value.TryFormat(_chars, out var written, "D");
        var text = _chars.AsSpan(0, written);
        for (var i = 0; i < text.Length; i++)
        {
            text[i] = char.ToUpperInvariant(text[i]);
        }
        return BindText(index, text);
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc);
        }
    }

    private static Func<T, object?> Getter(PropertyInfo property)
    {
        var row = Expression.Parameter(typeof(T), "row");
        return Expression.Lambda<Func<T, object?>>(Expression.Convert(Expression.Property(row, property), typeof(object)), row).Compile();
    }

    public void Dispose()
    {
        foreach (var (statement, _) in _tables)
        {
            statement.Dispose();
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(List<string>))]
internal sealed partial class StringListJson : System.Text.Json.Serialization.JsonSerializerContext;
