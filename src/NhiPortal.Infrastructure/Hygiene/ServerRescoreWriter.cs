using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using NhiPortal.Infrastructure.Data;
using Npgsql;

namespace NhiPortal.Infrastructure.Hygiene;

/// <summary>
/// A server database's full rescore write, in the caller's transaction: the scores, computed in .NET, are bulk
/// copied into a temporary staging table (COPY on PostgreSQL, SqlBulkCopy on SQL Server), then one UPDATE joins it
/// to the narrow score table and rewrites only the scores that changed, one more clears the scores of credentials
/// no longer active (by their state); identities the same way. No per-value statements, no id lists in SQL.
/// </summary>
internal static class ServerRescoreWriter
{
    private const string Credentials = "nhi_staged_credential_score";
    private const string Identities = "nhi_staged_identity_score";

    public static async Task WriteAsync(NhiPortalDbContext db, IReadOnlyCollection<KeyValuePair<Guid, int>> credentialScores,
        IReadOnlyCollection<KeyValuePair<Guid, int>> identityScores, CancellationToken ct)
    {
        var names = CredentialScoreWriter.Names(db);
        var identity = IdentityNames(db);
        var credentials = CredentialNames(db);
        // Only model names and this class's constants are spliced into the SQL; the scores go by bulk copy.
        Task RunAsync(string sql) => db.Database.ExecuteSqlRawAsync(sql, ct);
        if (db.Database.IsNpgsql())
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            foreach (var (table, rows) in new[] { (Credentials, credentialScores), (Identities, identityScores) })
            {
                await RunAsync($"CREATE TEMP TABLE {table} (id uuid NOT NULL, value integer NOT NULL) ON COMMIT DROP");
                await PostgresCopy.CopyPairsAsync(connection, table, rows, ct);
                // Without statistics the planner guesses the staged table's size, and may choose a nested loop.
                await RunAsync($"ANALYZE {table}");
            }
            await RunAsync($"""
                UPDATE {names.Table} AS s SET {names.Column} = t.value FROM {Credentials} AS t
                WHERE s.{names.Key} = t.id AND s.{names.Column} IS DISTINCT FROM t.value
                """);
            await RunAsync($"""
                UPDATE {names.Table} AS s SET {names.Column} = NULL FROM {credentials.Table} AS c
                WHERE c.{credentials.Key} = s.{names.Key} AND c.{credentials.State} <> 'Active' AND s.{names.Column} IS NOT NULL
                """);
            await RunAsync($"""
                UPDATE {identity.Table} AS s SET {identity.Column} = t.value FROM {Identities} AS t
                WHERE s.{identity.Key} = t.id AND s.{identity.Column} IS DISTINCT FROM t.value
                """);
            return;
        }
        if (db.Database.IsSqlServer())
        {
            var connection = (SqlConnection)db.Database.GetDbConnection();
            var transaction = (SqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var (table, rows) in new[] { (Credentials, credentialScores), (Identities, identityScores) })
            {
                await RunAsync($"CREATE TABLE #{table} (Id uniqueidentifier NOT NULL PRIMARY KEY, Value int NOT NULL)");
                await SqlServerBulkCopy.CopyPairsAsync(connection, transaction, "#" + table, rows, ct);
            }
            await RunAsync($"""
                UPDATE s SET s.{names.Column} = t.Value FROM {names.Table} AS s INNER JOIN #{Credentials} AS t ON s.{names.Key} = t.Id
                WHERE s.{names.Column} IS NULL OR s.{names.Column} <> t.Value;
                UPDATE s SET s.{names.Column} = NULL FROM {names.Table} AS s INNER JOIN {credentials.Table} AS c ON c.{credentials.Key} = s.{names.Key}
                WHERE c.{credentials.State} <> 'Active' AND s.{names.Column} IS NOT NULL;
                UPDATE s SET s.{identity.Column} = t.Value FROM {identity.Table} AS s INNER JOIN #{Identities} AS t ON s.{identity.Key} = t.Id
                WHERE s.{identity.Column} IS NULL OR s.{identity.Column} <> t.Value;
                DROP TABLE #{Credentials};
                DROP TABLE #{Identities};
                """);
            return;
        }
        throw new NotSupportedException("The staged rescore write is for PostgreSQL and SQL Server.");
    }

    // The credentials' own table, key and state column: scores of credentials no longer active are cleared by a join
    // on the state (an anti-join against the staged scores was planned as a nested loop, 112 s at 60,000 rows).
    private static (string Table, string Key, string State) CredentialNames(NhiPortalDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(Core.Credentials.Credential))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        return (sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema()), sql.DelimitIdentifier(entity.FindPrimaryKey()!.Properties[0].GetColumnName()),
            sql.DelimitIdentifier(entity.FindProperty(nameof(Core.Credentials.Credential.State))!.GetColumnName()));
    }

    private static (string Table, string Key, string Column) IdentityNames(NhiPortalDbContext db) =>
        CredentialScoreWriter.Names(db, typeof(Core.Inventory.NonHumanIdentity), nameof(Core.Inventory.NonHumanIdentity.HygieneScore));
}
