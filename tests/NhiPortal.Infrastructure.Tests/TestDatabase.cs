using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using NhiPortal.Core.Access;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Tests;

/// <summary>
/// A real database, migrated with the real migrations, deleted afterwards: a SQLite file, or a database on the suite's
/// PostgreSQL server (<see cref="TestDatabaseServer"/>).
/// </summary>
public sealed class TestDatabase : IDbContextFactory<NhiPortalDbContext>, IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("nhiportal-test-").FullName;

    /// <summary>An empty database (no migration applied) on the run's provider, or on a named one.</summary>
    public TestDatabase(DatabaseProvider? provider = null) : this(provider ?? TestDatabaseServer.Provider, migrated: false)
    {
    }

    private TestDatabase(DatabaseProvider provider, bool migrated)
    {
        _migrated = migrated;
        Settings = provider switch
        {
            DatabaseProvider.Sqlite => new DatabaseSettings(provider, $"Data Source={Path.Combine(_directory, "test.db")};Pooling=false", true),
            DatabaseProvider.PostgreSql => new DatabaseSettings(provider, TestDatabaseServer.CreatePostgresDatabase(migrated), true),
            _ => throw new NotSupportedException($"No test server for {provider}."),
        };
        Options = DbContextOptionsFactory.Create(Settings);
    }

    private bool _migrated;

    public bool IsSqlite => Settings.Provider == DatabaseProvider.Sqlite;

    public DatabaseSettings Settings { get; }

    public DbContextOptions<NhiPortalDbContext> Options { get; }

    public FakeTimeProvider Clock { get; } = new(Now);

    /// <summary>This database's audit chain key, as the host would load it from configuration.</summary>
    public Infrastructure.Audit.AuditChainKey ChainKey
    {
        get
        {
            _touched = true;
            return _chainKey;
        }
    }

    private Infrastructure.Audit.AuditChainKey _chainKey = Infrastructure.Audit.AuditChainKey.CreateRandom();

    // Whether anything may have read or written this database since it was made: only an untouched one can be
    // replaced by a copy of the seeded demo template.
    private bool _touched;

    /// <summary>Where this database's chain heads are published (beside the file, gone with it).</summary>
    public Infrastructure.Audit.AuditHeadsFile HeadsFile => _headsFile ??= new(Path.Combine(_directory, "audit-heads.jsonl"));

    private Infrastructure.Audit.AuditHeadsFile? _headsFile;

    public NhiPortalDbContext CreateDbContext()
    {
        _touched = true;
        return new(Options);
    }

    public static Task<TestDatabase> CreateMigratedAsync() => CreateMigratedAsync(TestDatabaseServer.Provider);

    /// <summary>On a named provider, whatever the run's (for tests of one provider's own behaviour).</summary>
    public static async Task<TestDatabase> CreateMigratedAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.PostgreSql)
        {
            // Copied from the template migrated once: migrating each test's database would cost seconds.
            return await Task.Run(() => new TestDatabase(provider, migrated: true));
        }
        var db = new TestDatabase(provider, migrated: false);
        await using (var context = new NhiPortalDbContext(db.Options))
        {
            await context.Database.MigrateAsync();
        }
        db._migrated = true;
        return db;
    }

    /// <summary>
    /// The demo organisation. A migrated database nothing has touched yet becomes a copy of the demo seeded once per
    /// run (with that seed's chain key), as seeding each test's database would cost seconds; otherwise it is seeded.
    /// </summary>
    public async Task SeedDemoAsync()
    {
        if (_migrated && !_touched && Clock.GetUtcNow() == Now)
        {
            _chainKey = await SeededDemoTemplate.CopyToAsync(Settings);
            return;
        }
        await SeedDemoAsync(CreateDbContext(), Clock, ChainKey);
    }

    internal static async Task SeedDemoAsync(NhiPortalDbContext context, TimeProvider clock, Infrastructure.Audit.AuditChainKey chainKey)
    {
        await using var _ = context;
        await new DemoDataSeeder(new SyntheticOrganisationLoader(new Infrastructure.Audit.AuditWriter(clock, chainKey), clock)).SeedIfEmptyAsync(context, Core.Inventory.SyntheticOrganisationSize.Demo);
    }

    public ValueTask DisposeAsync()
    {
        if (Settings.Provider == DatabaseProvider.PostgreSql)
        {
            TestDatabaseServer.DropPostgresDatabase(Settings.ConnectionString);
        }
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
