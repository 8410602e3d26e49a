using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace NhiPortal.Infrastructure.Data;

/// <summary>
/// One prepared SQLite statement run many times with positional values, in the text forms EF Core writes and reads
/// (upper-case GUIDs, "yyyy-MM-dd HH:mm:ss.FFFFFFF" times), for the upserts and updates that <see cref="BulkInserter{T}"/> does not cover.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly char[] _chars = new char[64];

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out var statement));
        _statement = statement;
    }

    public SqliteStatement Bind(int index, Guid value)
    {
        value.TryFormat(_chars, out var written, "D");
        var text = _chars.AsSpan(0, written);
        for (var i = 0; i < text.Length; i++)
        {
            text[i] = char.ToUpperInvariant(text[i]);
        }
        Check(raw.sqlite3_bind_text(_statement, index, text.ToString()));
        return this;
    }

    public SqliteStatement Bind(int index, DateTime value)
    {
        value.TryFormat(_chars, out var written, "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        Check(raw.sqlite3_bind_text(_statement, index, _chars.AsSpan(0, written).ToString()));
        return this;
    }

    public SqliteStatement Bind(int index, DateTime? value) => value is { } v ? Bind(index, v) : BindNull(index);

    public SqliteStatement Bind(int index, string? value)
    {
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));
        return this;
    }

    public SqliteStatement Bind(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    public SqliteStatement Bind(int index, double value)
    {
        Check(raw.sqlite3_bind_double(_statement, index, value));
        return this;
    }

    public SqliteStatement Bind(int index, double? value) => value is { } v ? Bind(index, v) : BindNull(index);

    public SqliteStatement BindNull(int index)
    {
        Check(raw.sqlite3_bind_null(_statement, index));
        return this;
    }

    /// <summary>Runs the statement with the values bound; returns the rows it changed.</summary>
    public int Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }
        return raw.sqlite3_changes(_db);
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc);
        }
    }

    public void Dispose() => _statement.Dispose();
}
