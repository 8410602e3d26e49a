using Microsoft.EntityFrameworkCore.Design;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Migrations.SqlServer;

/// <summary>Lets <c>dotnet ef</c> build the SQL Server model; no server is contacted to add a migration or script it.</summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<NhiPortalDbContext>
{
    public NhiPortalDbContext CreateDbContext(string[] args) =>
        new(DbContextOptionsFactory.Create(new DatabaseSettings(DatabaseProvider.SqlServer,
            "Server=localhost;Database=NhiPortal;Integrated Security=true;TrustServerCertificate=true", false)));
}
