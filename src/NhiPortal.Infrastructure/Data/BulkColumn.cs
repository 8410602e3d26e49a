using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace NhiPortal.Infrastructure.Data;

/// <summary>One column: its name, the provider-side type, and how to get a row's value in that type.</summary>
internal sealed record BulkColumn(string Name, Type ProviderType, bool IsNullable, Func<object, object?> Get)
{
    public static BulkColumn For<T>(IColumnMapping mapping)
    {
        var property = mapping.Property;
        var converter = ((RelationalTypeMapping)property.GetTypeMapping()).Converter;
        var providerType = converter?.ProviderClrType ?? property.ClrType;
        var get = Getter<T>(property.PropertyInfo!);
        return new BulkColumn(mapping.Column.Name, Nullable.GetUnderlyingType(providerType) ?? providerType, mapping.Column.IsNullable,
            row => Convert(get((T)row), converter));
    }

    private static object? Convert(object? value, ValueConverter? converter) => value switch
    {
        null => null,
        _ => (converter is null ? value : converter.ConvertToProvider(value)) switch
        {
            // Every time in the model is UTC (UtcDateTimeConverter); timestamptz wants it marked so.
            DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
            var converted => converted,
        },
    };

    private static Func<T, object?> Getter<T>(PropertyInfo property)
    {
        var row = Expression.Parameter(typeof(T), "row");
        return Expression.Lambda<Func<T, object?>>(Expression.Convert(Expression.Property(row, property), typeof(object)), row).Compile();
    }
}
