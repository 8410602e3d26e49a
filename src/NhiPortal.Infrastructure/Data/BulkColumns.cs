using Microsoft.EntityFrameworkCore;

namespace NhiPortal.Infrastructure.Data;

/// <summary>
/// The tables an entity type is written to (its main table first, then split tables such as CredentialScores) and
/// each table's columns with the value EF Core would send for them: what the server bulk copies write, read from the
/// model so a new column is never forgotten. Database-generated integer keys (the audit sequence) are left out.
/// </summary>
internal sealed record BulkColumns(string Table, string? Schema, IReadOnlyList<BulkColumn> Columns)
{
    public static IReadOnlyList<BulkColumns> For<T>(DbContext context)
    {
        var entity = context.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        return entity.GetTableMappings().OrderByDescending(m => m.Table.Name == entity.GetTableName()).Select(mapping =>
            new BulkColumns(mapping.Table.Name, mapping.Table.Schema, mapping.ColumnMappings
                .Where(c => !(c.Property.IsPrimaryKey() && c.Property.ClrType == typeof(long)) && c.Property.PropertyInfo is not null)
                .Select(c => BulkColumn.For<T>(c)).ToArray())).ToArray();
    }
}
