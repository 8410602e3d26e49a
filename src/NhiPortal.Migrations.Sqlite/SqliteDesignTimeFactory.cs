using Microsoft.EntityFrameworkCore.Design;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without starting the portal.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<NhiPortalDbContext>
{
    public NhiPortalDbContext CreateDbContext(string[] args) =>
        new(DbContextOptionsFactory.Create(new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=design-time.db", false)));
}
