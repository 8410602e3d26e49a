using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace NhiPortal.Infrastructure.Data;

/// <summary>Every time is stored as UTC and read back marked as UTC (SQLite keeps no kind).</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
