using Microsoft.EntityFrameworkCore;
using NhiPortal.Infrastructure.Audit;

namespace NhiPortal.Infrastructure.Data;

/// <summary>One place that turns settings into provider options: used by the host, the design-time factories and tests.</summary>
public static class DbContextOptionsFactory
{
    public static void Configure(DbContextOptionsBuilder options, DatabaseSettings settings)
    {
        _ = settings.Provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(settings.ConnectionString,
                o => o.MigrationsAssembly(DatabaseSettings.SqliteMigrationsAssembly)),
            // No retrying execution strategy: the services open their own transactions, which a retrying strategy refuses
            // ("does not support user-initiated transactions"); a transient failure fails the operation whole instead.
            DatabaseProvider.SqlServer => options.UseSqlServer(settings.ConnectionString,
                o => o.MigrationsAssembly(DatabaseSettings.SqlServerMigrationsAssembly)),
            DatabaseProvider.PostgreSql => options.UseNpgsql(settings.ConnectionString,
                o => o.MigrationsAssembly(DatabaseSettings.PostgreSqlMigrationsAssembly)),
        };
        options.AddInterceptors(new AppendOnlyAuditInterceptor());
    }

    public static DbContextOptions<NhiPortalDbContext> Create(DatabaseSettings settings)
    {
        var builder = new DbContextOptionsBuilder<NhiPortalDbContext>();
        Configure(builder, settings);
        return builder.Options;
    }
}
