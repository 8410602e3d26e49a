using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NhiPortal.Core.Access;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Connectors;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Notifications;
using NhiPortal.Infrastructure.Outbox;
using NhiPortal.Infrastructure.Revocation;

namespace NhiPortal.Infrastructure.Tests;

/// <summary>
/// The portal's real service graph (<see cref="InfrastructureServiceCollectionExtensions.AddNhiServices"/>) over a
/// test database, without background jobs: a test calls use cases as a given person and drains the outbox itself.
/// </summary>
public sealed class TestPortal : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly List<AsyncServiceScope> _scopes = [];

    public TestPortal(TestDatabase database, IConnectorRegistry? connectors = null, RevocationOptions? revocation = null, bool runsOnRealTime = false,
        Action<IServiceCollection>? configure = null)
    {
        Database = database;
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IDbContextFactory<NhiPortalDbContext>>(database);
        services.AddSingleton<TimeProvider>(database.Clock);
        services.AddSingleton(connectors ?? new ConnectorRegistry([]));
        services.AddSingleton(revocation ?? new RevocationOptions());
        services.AddSingleton(new SmtpSettings());
        services.AddSingleton(Infrastructure.Discovery.DiscoverySourceRegistry.Empty);
        services.AddSingleton(database.ChainKey);
        services.AddSingleton(database.HeadsFile);
        services.AddScoped<Caller>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<Caller>());
        services.AddNhiServices();
        if (runsOnRealTime)
        {
            // Connector timeouts and retry backoff wait for real; a fake clock would never let them end.
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<RevocationExecutor>(sp, TimeProvider.System));
        }
        configure?.Invoke(services);
        _provider = services.BuildServiceProvider();
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TestDatabase, TestPortal> Shared = new();

    /// <summary>One portal per test database with no connectors, for tests that only call use cases.</summary>
    public static TestPortal For(TestDatabase database) => Shared.GetValue(database, d => new TestPortal(d));

    public TestDatabase Database { get; }

    public IServiceProvider Services => _provider;

    public OutboxDispatcher Dispatcher => _provider.GetRequiredService<OutboxDispatcher>();

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>A use case as <paramref name="user"/> sees it (scoped services get this caller).</summary>
    public T As<T>(PortalUser user) where T : notnull
    {
        var scope = _provider.CreateAsyncScope();
        _scopes.Add(scope);
        scope.ServiceProvider.GetRequiredService<Caller>().User = user;
        return scope.ServiceProvider.GetRequiredService<T>();
    }

    public T As<T>(string subject, params PortalRole[] roles) where T : notnull => As<T>(FixedCurrentUser.Person(subject, roles));

    /// <summary>Carries out every follow-up that is due, as the dispatcher would.</summary>
    public Task<int> DrainAsync() => Dispatcher.DrainAsync();

    public T Create<T>(params object[] arguments) => ActivatorUtilities.CreateInstance<T>(_provider, arguments);

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }
        await _provider.DisposeAsync();
    }

    private sealed class Caller : ICurrentUser
    {
        public PortalUser User { get; set; } = PortalUser.Anonymous;

        public Task<PortalUser> GetAsync() => Task.FromResult(User);
    }
}
