using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NhiPortal.Core.Access;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Connectors;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;
using NhiPortal.Infrastructure.Revocation;
using NhiPortal.Tests.Shared;

namespace NhiPortal.Benchmarks;

/// <summary>
/// Revoking the 50 PostgreSQL credentials of one identity: the bare SQL (ALTER ROLE ... NOLOGIN and session
/// termination for 50 roles over one connection) against the portal end to end (request recorded, run executed
/// through the connector, every step written, plus the probes). Each role has one open session each time.
/// </summary>
internal static class RevokeBenchmark
{
    private const int Roles = 50;

    public static async Task RunAsync(int runs)
    {
        await using var server = await PostgresServer.StartAsync();
        var directory = Directory.CreateTempSubdirectory("nhiportal-bench-revoke-").FullName;
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory, "portal.db")}", true);
        var factory = new RescoreBenchmark.Factory(DbContextOptionsFactory.Create(settings));
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        var roles = Enumerable.Range(1, Roles).Select(i => $"bench_svc_{i:00}").ToArray();
        var clock = TimeProvider.System;
        await using var connector = new PostgresConnector("pg-bench", server.AdminConnectionString, scope: new ConnectorScope("bench_svc_", []));
        var registry = new ConnectorRegistry([connector]);
        var audit = new AuditWriter(clock, AuditChainKey.CreateRandom());
        var followUps = new FollowUps(clock, new OutboxSignal());
        var queue = new RevocationQueue();
        var starter = new RevocationRunStarter(factory, audit, clock, registry, queue, followUps);
        var service = new RevocationService(factory, new Operator(), audit, clock, registry, queue, starter, followUps, new NhiPortal.Core.Approvals.FourEyesPolicy());
        var runEvents = new RevocationRunEvents(clock, NullLogger<RevocationRunEvents>.Instance);
        var executor = new RevocationExecutor(factory, registry, clock, new RevocationOptions(), new RevocationOutcomeWriter(factory, audit, clock, followUps, runEvents),
            runEvents, NullLogger<RevocationExecutor>.Instance);

        var bare = new List<double>();
        var portal = new List<double>();
        for (var run = 0; run <= runs; run++)
        {
            // Run 0 warms up both paths (JIT, connection pools) and is not counted.
            var sessions = await PrepareAsync(server, roles);
            var sw = Stopwatch.StartNew();
            await BareAsync(server, roles);
            if (run > 0) bare.Add(sw.Elapsed.TotalMilliseconds);
            await CloseAsync(sessions);

            sessions = await PrepareAsync(server, roles);
            var identity = await IdentityWithCredentialsAsync(factory, roles, run);
            sw.Restart();
            var runId = await service.StartAsync(new RevocationRequest([], "benchmark", identity));
            var status = await executor.ExecuteAsync(runId);
            if (run > 0) portal.Add(sw.Elapsed.TotalMilliseconds);
            if (status != RevocationRunStatus.Completed)
            {
                throw new InvalidOperationException($"The benchmark run ended {status}.");
            }
            await CloseAsync(sessions);
        }
        double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        Console.WriteLine($"Revoke {Roles} PostgreSQL roles, each with an open session (median of {runs}):");
        Console.WriteLine($"  bare SQL (ALTER ROLE NOLOGIN + terminate, one connection): {Median(bare),8:N1} ms");
        Console.WriteLine($"  portal end to end (record run, revoke, probe, write steps): {Median(portal),8:N1} ms  ({Median(portal) / Median(bare):N2}x)");
        Directory.Delete(directory, recursive: true);
    }

    private static async Task<List<NpgsqlConnection>> PrepareAsync(PostgresServer server, string[] roles)
    {
        var sessions = new List<NpgsqlConnection>();
        foreach (var role in roles)
        {
            var password = await server.CreateLoginRoleAsync(role);
            var connection = new NpgsqlConnection(server.ConnectionString(role, password, pooling: false));
            await connection.OpenAsync();
            sessions.Add(connection);
        }
        return sessions;
    }

    private static async Task CloseAsync(List<NpgsqlConnection> sessions)
    {
        foreach (var session in sessions)
        {
            try
            {
                await session.DisposeAsync();
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // Terminated by the revocation, as intended.
            }
        }
    }

    private static async Task BareAsync(PostgresServer server, string[] roles)
    {
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync();
        foreach (var role in roles)
        {
            await using var alter = new NpgsqlCommand($"ALTER ROLE \"{role}\" NOLOGIN; SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{role}'", connection);
            await alter.ExecuteNonQueryAsync();
        }
        await using var wait = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE usename LIKE 'bench_svc_%'", connection);
        while ((long)(await wait.ExecuteScalarAsync())! > 0)
        {
            await Task.Delay(5);
        }
    }

    private static async Task<Guid> IdentityWithCredentialsAsync(IDbContextFactory<NhiPortalDbContext> factory, string[] roles, int run)
    {
        await using var db = factory.CreateDbContext();
        var identity = new NonHumanIdentity
        {
            Name = $"orders-service-{run}", Kind = IdentityKind.ServiceAccount, Purpose = "benchmark", Environment = DeploymentEnvironment.Production,
            SourceSystem = "postgresql", CreatedUtc = DateTime.UtcNow,
        };
        db.Identities.Add(identity);
        db.Credentials.AddRange(roles.Select(role => new Credential
        {
            Name = role, Kind = CredentialKind.Password, IdentityId = identity.Id, Purpose = "benchmark", Store = "pg-bench", StoreReference = role,
            Fingerprint = Fingerprint.OfSecret(role + run), IssuedUtc = DateTime.UtcNow.AddDays(-1),
        }));
        await db.SaveChangesAsync();
        return identity.Id;
    }

    /// <summary>The benchmark acts as a SecurityOperator.</summary>
    internal sealed class Operator : ICurrentUser
    {
        public Task<PortalUser> GetAsync() => Task.FromResult(new PortalUser("bench-operator", "Bench Operator", null, new HashSet<PortalRole> { PortalRole.SecurityOperator }));
    }
}

/// <summary>
/// A bulk run of 100,000 credentials across many identities through an instant in-process connector: what the
/// portal itself costs per step (recording the run, bounded parallel execution, batched writes of steps, credential
/// states and events). Proves such a run completes without one giant request.
/// </summary>
internal static class BulkRevokeBenchmark
{
    private sealed class InstantConnector : ICredentialConnector
    {
        public string Name => "bulk";
        public string Kind => "instant";
        public bool CanRotate => false;
        public string Describe(CredentialRef credential) => "instant";
        public Task<ConnectorResult> RevokeAsync(CredentialRef credential, CancellationToken ct) => Task.FromResult(ConnectorResult.Ok("revoked"));
        public Task<RotationResult> RotateAsync(CredentialRef credential, CancellationToken ct) => throw new NotSupportedException();
        public Task<ProbeResult> ProbeAsync(CredentialRef credential, CancellationToken ct) => Task.FromResult(new ProbeResult(false, "gone"));
    }

    public static async Task RunAsync(int count)
    {
        var path = Path.Combine(Path.GetTempPath(), $"nhiportal-bulk-{Guid.NewGuid():N}.db");
        await Generator.RunAsync(path, new SyntheticOrganisationSize(Staff: 200, Teams: 20, Identities: count / 2, Credentials: count * 3 / 2));
        await RunOnAsync(new RescoreBenchmark.Factory(DbContextOptionsFactory.Create(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={path}", true))), count);
        File.Delete(path);
    }

    /// <summary>A run over <paramref name="count"/> active credentials of an existing database; returns its seconds.</summary>
    public static async Task<double> RunOnAsync(IDbContextFactory<NhiPortalDbContext> factory, int count)
    {
        Guid[] ids;
        await using (var db = factory.CreateDbContext())
        {
            ids = await db.Credentials.Where(c => c.State == CredentialState.Active).OrderBy(c => c.Id).Take(count).Select(c => c.Id).ToArrayAsync();
            foreach (var chunk in ids.Chunk(5_000))
            {
                await db.Credentials.Where(c => chunk.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.Store, "bulk"));
            }
        }
        var clock = TimeProvider.System;
        var registry = new ConnectorRegistry([new InstantConnector()]);
        var audit = new AuditWriter(clock, AuditChainKey.CreateRandom());
        var followUps = new FollowUps(clock, new OutboxSignal());
        var queue = new RevocationQueue();
        var starter = new RevocationRunStarter(factory, audit, clock, registry, queue, followUps);
        var service = new RevocationService(factory, new RevokeBenchmark.Operator(), audit, clock, registry, queue, starter, followUps, new NhiPortal.Core.Approvals.FourEyesPolicy());
        var runEvents = new RevocationRunEvents(clock, NullLogger<RevocationRunEvents>.Instance);
        var executor = new RevocationExecutor(factory, registry, clock, new RevocationOptions(), new RevocationOutcomeWriter(factory, audit, clock, followUps, runEvents),
            runEvents, NullLogger<RevocationExecutor>.Instance);

        var sw = Stopwatch.StartNew();
        var runId = await service.StartAsync(new RevocationRequest(ids, "bulk benchmark"));
        var recorded = sw.Elapsed;
        var status = await executor.ExecuteAsync(runId);
        var total = sw.Elapsed;
        await using (var db = factory.CreateDbContext())
        {
            var verified = await db.RevocationSteps.CountAsync(s => s.RunId == runId && s.Status == RevocationStepStatus.Verified);
            Console.WriteLine($"Bulk revocation of {ids.Length:N0} credentials ({status}, {verified:N0} steps verified):");
        }
        Console.WriteLine($"  request recorded (run, steps, one event each): {recorded.TotalSeconds,6:N1} s");
        Console.WriteLine($"  executed and written back:                     {(total - recorded).TotalSeconds,6:N1} s");
        Console.WriteLine($"  total:                                         {total.TotalSeconds,6:N1} s ({ids.Length / total.TotalSeconds:N0} credentials/s)");
        return total.TotalSeconds;
    }
}
