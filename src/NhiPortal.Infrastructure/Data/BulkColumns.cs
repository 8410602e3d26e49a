using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace NhiPortal.Infrastructure.Data;

/// <summary>
/// The tables an entity type is written to (its main table first, then split tables such as CredentialScores) and
/// each table's columns with the value EF Core would send for them: what the server bulk copies write, read from the
/// model so a new column is never forgotten. Keys the database generates (the audit sequence) are left out; a
/// property without a CLR property (a shadow property) is refused rather than silently left empty.
/// </summary>
internal sealed record BulkColumns(string Table, string? Schema, IReadOnlyList<BulkColumn> Columns)
{
    // Built once per model and type: the getters are compiled expressions.
    private static readonly ConcurrentDictionary<(IModel, Type), IReadOnlyList<BulkColumns>> Cache = new();

    public static IReadOnlyList<BulkColumns> For<T>(DbContext context) => Cache.GetOrAdd((context.Model, typeof(T)), key =>
    {
        var entity = key.Item1.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        return entity.GetTableMappings().OrderByDescending(m => m.Table.Name == entity.GetTableName()).Select(mapping =>
            new BulkColumns(mapping.Table.Name, mapping.Table.Schema, mapping.ColumnMappings
                .Where(c => !IsGeneratedKey(c.Property))
                .Select(c => c.Property.PropertyInfo is null
                    ? throw new NotSupportedException($"{typeof(T).Name}.{c.Property.Name} has no CLR property; bulk rows cannot fill it.")
                    : BulkColumn.For<T>(c))
                .ToArray())).ToArray();
    });

    // An integer key the database assigns (an identity column), not one the portal sets (ValueGeneratedNever).
    internal static bool IsGeneratedKey(IReadOnlyProperty property) =>
        property.IsPrimaryKey() && property.ClrType == typeof(long) && property.ValueGenerated != ValueGenerated.Never;
}
