using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Connectors;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Notifications;
using NhiPortal.Infrastructure.Revocation;

namespace NhiPortal.Benchmarks;

/// <summary>
/// A new migrated SQLite file (WAL) in its own temporary directory and the portal's real service graph over it, without
/// background jobs: what the outbox and feed benchmarks run the portal's own code on.
/// </summary>
internal sealed class BenchmarkPortal : IAsyncDisposable
{
    private BenchmarkPortal(string directory, RescoreBenchmark.Factory factory, ServiceProvider services)
    {
        Directory = directory;
        Factory = factory;
        Services = services;
    }

    public string Directory { get; }

    public RescoreBenchmark.Factory Factory { get; }

    public ServiceProvider Services { get; }

    public static async Task<BenchmarkPortal> CreateAsync(string name)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory($"nhiportal-bench-{name}-").FullName;
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory, "portal.db")}", true);
        var factory = new RescoreBenchmark.Factory(DbContextOptionsFactory.Create(settings));
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        var services = new ServiceCollection().AddLogging()
            .AddSingleton<IDbContextFactory<NhiPortalDbContext>>(factory).AddSingleton(TimeProvider.System)
            .AddSingleton<IConnectorRegistry>(new ConnectorRegistry([])).AddSingleton(new RevocationOptions()).AddSingleton(new SmtpSettings())
            .AddSingleton(AuditChainKey.CreateRandom()).AddSingleton(new AuditHeadsFile(Path.Combine(directory, "heads.jsonl")))
            .AddNhiServices().BuildServiceProvider();
        return new BenchmarkPortal(directory, factory, services);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // The temp cleaner gets it.
        }
    }
}
