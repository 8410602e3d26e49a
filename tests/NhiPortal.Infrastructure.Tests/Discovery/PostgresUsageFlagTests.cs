using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NhiPortal.Core.Access;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Discovery;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Usage;
using NhiPortal.Infrastructure.Discovery;
using NhiPortal.Infrastructure.Discovery.Postgres;
using NhiPortal.Infrastructure.Usage;

namespace NhiPortal.Infrastructure.Tests.Discovery;

/// <summary>
/// The whole chain on a real server: its roles discovered, real logins read from its connection log by the next sync,
/// ingested, evaluated, and flagged: a login from a network the credential has never used (::1 after a history from
/// 127.0.0.1) and a login with a credential the portal holds as revoked (critical).
/// </summary>
public sealed class PostgresUsageFlagTests(PostgresLogFixture fixture) : IClassFixture<PostgresLogFixture>, IAsyncLifetime
{
    private const string SourceName = "pgflow";
    private TestDatabase _db = null!;
    private TestPortal _portal = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateMigratedAsync();
        // The server's log carries real times, so the portal's clock is the real one here.
        _db.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        var connection = new NpgsqlConnectionStringBuilder(fixture.Server.ConnectionString(PostgresLogFixture.Reader, "x")) { Password = null }.ConnectionString;
        var source = new PostgresRoleSource(SourceName, connection, fixture.ReaderPassword, DeploymentEnvironment.Production, TimeSpan.FromSeconds(5),
            connectionLogDirectory: fixture.Server.LogDirectory, clock: _db.Clock);
        var registry = new DiscoverySourceRegistry([(source, new DiscoverySourceSettings(SourceName, DiscoverySourceKinds.PostgreSql, DeploymentEnvironment.Production,
            TimeSpan.FromHours(1), TimeSpan.FromSeconds(5)))]);
        _portal = new TestPortal(_db, configure: s => s.AddSingleton(registry));
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task RealLogins_FromANewNetwork_AndWithARevokedCredential_AreFlagged()
    {
        var appPassword = await fixture.Server.CreateLoginRoleAsync("flow_app");
        var revokedPassword = await fixture.Server.CreateLoginRoleAsync("flow_revoked");
        var sync = _portal.Get<SourceSync>();
        var first = await sync.RunAsync(SourceName, PortalUser.System("discovery"));
        Assert.Equal(DiscoveryRunStatus.Succeeded, first.Status);

        // Three weeks of history from 127.0.0.1, all inside the learning period, then the portal's revocation of the other role
        // (which, as if the connector had been bypassed, can still log in).
        var now = _db.Clock.GetUtcNow().UtcDateTime;
        var history = Enumerable.Range(8, 13).Select(d => new UsageEvent
        {
            Store = SourceName, StoreReference = "flow_app", TimeUtc = now.AddDays(-21 + (20 - d)), SourceAddress = "127.0.0.1", Target = "postgres", Count = 5,
        }).ToList();
        Assert.Equal(history.Count, (await _portal.Get<IUsageIngest>().IngestAsync(history, "test history")).Accepted);
        await _portal.Get<UsageEvaluation>().EvaluateAsync();
        await using (var db = _db.CreateDbContext())
        {
            await db.Credentials.Where(c => c.StoreReference == "flow_revoked").ExecuteUpdateAsync(s => s.SetProperty(c => c.State, CredentialState.Revoked));
        }

        await LoginAsync("flow_app", appPassword, "::1");
        await LoginAsync("flow_revoked", revokedPassword, "127.0.0.1");
        Assert.True(await SyncUntilUsedAsync(sync, now.AddMinutes(-1), "flow_app", "flow_revoked"), "the logins never reached the portal through the connection log");
        var evaluation = await _portal.Get<UsageEvaluation>().EvaluateAsync();

        Assert.True(evaluation.Flags >= 2, $"{evaluation.Flags} flags");
        await using var check = _db.CreateDbContext();
        var flags = await check.AnomalyFlags.Join(check.Credentials, f => f.CredentialId, c => c.Id, (f, c) => new { f.Rule, f.Severity, f.Explanation, f.EvidenceJson, c.StoreReference })
            .ToListAsync();
        var network = Assert.Single(flags, f => f.StoreReference == "flow_app" && f.Rule == AnomalyRule.NewSourceNetwork);
        Assert.Contains("::1", network.EvidenceJson);
        var revoked = Assert.Single(flags, f => f.StoreReference == "flow_revoked" && f.Rule == AnomalyRule.UseOfRevokedOrExpired);
        Assert.Equal(AnomalySeverity.Critical, revoked.Severity);
        Assert.DoesNotContain(flags, f => f.StoreReference == "flow_app" && f.Rule == AnomalyRule.UseOfRevokedOrExpired);
        var lastUsed = await check.Credentials.Where(c => c.StoreReference == "flow_app" && c.ExternalId != null).Select(c => c.LastUsedUtc).SingleAsync();
        Assert.True(lastUsed > now.AddMinutes(-5), $"last used {lastUsed}");
    }

    private async Task LoginAsync(string role, string password, string host)
    {
        await using var connection = new NpgsqlConnection(fixture.Server.ConnectionString(role, password, pooling: false, host: host));
        await connection.OpenAsync();
    }

    /// <summary>The server's log collector writes asynchronously: syncs until each role's credential shows a use since <paramref name="since"/>.</summary>
    private async Task<bool> SyncUntilUsedAsync(SourceSync sync, DateTime since, params string[] roles)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            await sync.RunAsync(SourceName, PortalUser.System("discovery"));
            await using var db = _db.CreateDbContext();
            var used = await db.Credentials.CountAsync(c => c.Store == SourceName && c.StoreReference != null && roles.Contains(c.StoreReference) && c.LastUsedUtc >= since);
            if (used >= roles.Length)
            {
                return true;
            }
            await Task.Delay(100);
        }
        return false;
    }
}
