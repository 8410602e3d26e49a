using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using NhiPortal.Core.Access;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Tests;

/// <summary>A real SQLite file, migrated with the real migrations, deleted afterwards.</summary>
public sealed class TestDatabase : IDbContextFactory<NhiPortalDbContext>, IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("nhiportal-test-").FullName;

    public TestDatabase()
    {
        Settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_directory, "test.db")};Pooling=false", true);
        Options = DbContextOptionsFactory.Create(Settings);
    }

    public DatabaseSettings Settings { get; }

    public DbContextOptions<NhiPortalDbContext> Options { get; }

    public FakeTimeProvider Clock { get; } = new(Now);

    /// <summary>This database's audit chain key, as the host would load it from configuration.</summary>
    public Infrastructure.Audit.AuditChainKey ChainKey { get; } = Infrastructure.Audit.AuditChainKey.CreateRandom();

    /// <summary>Where this database's chain heads are published (beside the file, gone with it).</summary>
    public Infrastructure.Audit.AuditHeadsFile HeadsFile => _headsFile ??= new(Path.Combine(_directory, "audit-heads.jsonl"));

    private Infrastructure.Audit.AuditHeadsFile? _headsFile;

    public NhiPortalDbContext CreateDbContext() => new(Options);

    public static async Task<TestDatabase> CreateMigratedAsync()
    {
        var db = new TestDatabase();
        await using var context = db.CreateDbContext();
        await context.Database.MigrateAsync();
        return db;
    }

    public async Task SeedDemoAsync()
    {
        await using var context = CreateDbContext();
        await new DemoDataSeeder(new SyntheticOrganisationLoader(new Infrastructure.Audit.AuditWriter(Clock, ChainKey), Clock)).SeedIfEmptyAsync(context, Core.Inventory.SyntheticOrganisationSize.Demo);
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow CI machine is not worth failing a test for; the OS temp cleaner gets it.
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>A demo organisation migrated and seeded once per test class, read-only for its tests.</summary>
public sealed class SeededDatabaseFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateMigratedAsync();
        await Database.SeedDemoAsync();
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

public sealed class FixedCurrentUser(PortalUser user) : ICurrentUser
{
    public Task<PortalUser> GetAsync() => Task.FromResult(user);

    public static FixedCurrentUser As(string subject, params PortalRole[] roles) => new(Person(subject, roles));

    public static PortalUser Person(string subject, params PortalRole[] roles) => new(subject, subject, null, roles.ToHashSet());
}
