using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using NhiPortal.Core.Credentials;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Hygiene;

/// <summary>
/// Sets credential scores in the narrow CredentialScores table by id, set-based, on any provider. EF Core 10's
/// ExecuteUpdate generates invalid SQL for a property of a split table ("no such column", efcore#31407), so this
/// writes the one statement itself, with table and column names read from the model.
/// </summary>
internal static class CredentialScoreWriter
{
    // Within SQL Server's 2,100 parameters per statement.
    private const int IdsPerStatement = 1_000;

    public static async Task<int> SetAsync(NhiPortalDbContext db, IEnumerable<Guid> credentialIds, int? score, CancellationToken ct)
    {
        var (table, key, column) = Names(db);
        var value = score is { } s ? s.ToString(CultureInfo.InvariantCulture) : "NULL";
        var changed = 0;
        foreach (var chunk in credentialIds.Chunk(IdsPerStatement))
        {
            var placeholders = string.Join(", ", Enumerable.Range(0, chunk.Length).Select(i => $"{{{i}}}"));
            // Only model names and an integer are spliced in; the ids go as parameters.
            var sql = $"UPDATE {table} SET {column} = {value} WHERE {key} IN ({placeholders})";
            changed += await db.Database.ExecuteSqlRawAsync(sql, chunk.Cast<object>().ToArray(), ct);
        }
        return changed;
    }

    /// <summary>Clears the scores still held by credentials that are no longer active (of some identities, or all).</summary>
    public static async Task ClearInactiveAsync(NhiPortalDbContext db, IReadOnlyCollection<Guid>? identityIds, CancellationToken ct)
    {
        var inactive = db.Credentials.AsNoTracking().Where(c => c.State != CredentialState.Active && c.HygieneScore != null);
        if (identityIds is not null)
        {
            inactive = inactive.Where(c => c.IdentityId != null && identityIds.Contains(c.IdentityId.Value));
        }
        await SetAsync(db, await inactive.Select(c => c.Id).ToListAsync(ct), null, ct);
    }

    /// <summary>The delimited table, key and column that hold a credential's score (or another entity's property).</summary>
    internal static (string Table, string Key, string Column) Names(NhiPortalDbContext db, Type? entityType = null, string? propertyName = null)
    {
        var entity = db.Model.FindEntityType(entityType ?? typeof(Credential))!;
        var property = entity.FindProperty(propertyName ?? nameof(Credential.HygieneScore))!;
        var mapping = entity.GetTableMappings().Single(m => m.ColumnMappings.Any(c => c.Property == property));
        var sql = db.GetService<ISqlGenerationHelper>();
        var key = mapping.ColumnMappings.Single(c => c.Property.IsPrimaryKey()).Column.Name;
        return (sql.DelimitIdentifier(mapping.Table.Name, mapping.Table.Schema), sql.DelimitIdentifier(key),
            sql.DelimitIdentifier(mapping.ColumnMappings.Single(c => c.Property == property).Column.Name));
    }
}
