using Microsoft.EntityFrameworkCore.Design;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Migrations.PostgreSql;

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model; no server is contacted to add a migration or script it.</summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<NhiPortalDbContext>
{
    public NhiPortalDbContext CreateDbContext(string[] args) =>
        new(DbContextOptionsFactory.Create(new DatabaseSettings(DatabaseProvider.PostgreSql,
            "Host=127.0.0.1;Database=nhiportal;Username=nhiportal", false)));
}
