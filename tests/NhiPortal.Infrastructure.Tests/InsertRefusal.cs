using Microsoft.EntityFrameworkCore;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Tests;

/// <summary>
/// A database that refuses inserts into one table (a full disk, a lock timeout), as each provider's trigger: the
/// portal sees the provider's own error, with the message given.
/// </summary>
internal sealed class InsertRefusal(TestDatabase database, string name, string table)
{
    /// <summary>Refuses every insert into <paramref name="table"/>, or only once it holds <paramref name="fromRows"/> rows.</summary>
    public static async Task<InsertRefusal> CreateAsync(TestDatabase database, string name, string table, string message, int? fromRows = null)
    {
        await using var db = database.CreateDbContext();
        var count = $"""(SELECT COUNT(*) FROM "{table}") >= {fromRows ?? 0}""";
        var sql = database.Settings.Provider switch
        {
            DatabaseProvider.Sqlite => $"""CREATE TRIGGER {name} BEFORE INSERT ON "{table}" WHEN {count} BEGIN SELECT RAISE(ABORT, '{message}'); END;""",
            DatabaseProvider.PostgreSql => $"""
                CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF {count} THEN RAISE EXCEPTION '{message}'; END IF; RETURN NEW; END; $$;
                CREATE TRIGGER {name} BEFORE INSERT ON "{table}" FOR EACH ROW EXECUTE FUNCTION {name}();
                """,
            var other => throw new NotSupportedException($"No insert refusal for {other}."),
        };
        await db.Database.ExecuteSqlRawAsync(sql);
        return new InsertRefusal(database, name, table);
    }

    public async Task DropAsync()
    {
        await using var db = database.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync(database.IsSqlite
            ? $"DROP TRIGGER {name};"
            : $"""DROP TRIGGER {name} ON "{table}"; DROP FUNCTION {name}();""");
    }
}
