using System.Diagnostics;
using System.DirectoryServices.Protocols;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NhiPortal.Core.Access;
using NhiPortal.Core.Discovery;
using NhiPortal.Core.Discovery.Ldap;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Connectors;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Discovery;
using NhiPortal.Infrastructure.Discovery.Ldap;
using NhiPortal.Infrastructure.Notifications;
using NhiPortal.Infrastructure.Revocation;
using NhiPortal.Tests.Shared;

namespace NhiPortal.Benchmarks;

/// <summary>
/// Reading 50,000 service accounts from a throwaway slapd: the bare baseline (a paged search of every entry, then a
/// prepared INSERT of each into a plain SQLite table in one transaction) beside the LDAP source's read alone and the
/// portal's full sync through <see cref="SourceSync"/> (a first sync that adds every account, then one with nothing new).
/// </summary>
internal static class LdapSyncBenchmark
{
    private const string Services = "ou=services," + SlapdServer.Suffix;
    private const int PageSize = 500;

    public static async Task RunAsync(int accounts)
    {
        var directory = Directory.CreateTempSubdirectory("nhiportal-bench-ldap-").FullName;
        try
        {
            var ldif = Path.Combine(directory, "accounts.ldif");
            var sw = Stopwatch.StartNew();
            await WriteLdifAsync(ldif, accounts);
            var generated = sw.Elapsed;
            sw.Restart();
            await using var server = await SlapdServer.StartAsync(extraLdifFile: ldif);
            var loaded = sw.Elapsed;

            var attributes = LdapAccountMapper.RequestedAttributes(LdapDialect.OpenLdap);
            // One untimed pass each (JIT, slapd's caches), so neither side pays the first read.
            BareSearch(server, attributes);
            sw.Restart();
            var entries = BareSearch(server, attributes);
            var bareSearch = sw.Elapsed;
            sw.Restart();
            BareInsert(Path.Combine(directory, "bare.db"), entries);
            var plainInsert = sw.Elapsed;
            var schemaPath = Path.Combine(directory, "bare-schema.db");
            await MigrateAsync(schemaPath);
            sw.Restart();
            BareInsertIntoPortalTables(schemaPath, entries);
            var bareInsert = sw.Elapsed;
            Check(entries.Count, accounts, "the bare search");

            var source = Source(server);
            await source.ReadAsync(default);
            sw.Restart();
            var read = await source.ReadAsync(default);
            var sourceRead = sw.Elapsed;
            Check(read.Accounts.Count, accounts, "the LDAP source");

            var (first, again) = await PortalSyncAsync(directory, source, accounts);

            Console.WriteLine($"LDAP sync of {accounts:N0} service accounts (slapd on 127.0.0.1, page size {PageSize}):");
            Console.WriteLine($"  set-up: LDIF written {generated.TotalSeconds,6:N2} s, slapadd + start {loaded.TotalSeconds,6:N2} s");
            Console.WriteLine($"  bare paged search                         {bareSearch.TotalMilliseconds,9:N0} ms");
            Console.WriteLine($"  (bare insert into one plain table          {plainInsert.TotalMilliseconds,9:N0} ms, for reference)");
            Console.WriteLine($"  bare insert, portal's tables (prepared)   {bareInsert.TotalMilliseconds,9:N0} ms  (identity + credential row per entry, same indexes, one txn)");
            Console.WriteLine($"  bare total                                {(bareSearch + bareInsert).TotalMilliseconds,9:N0} ms");
            Console.WriteLine($"  LdapDirectorySource.ReadAsync alone       {sourceRead.TotalMilliseconds,9:N0} ms  ({sourceRead / bareSearch:N2}x the bare search)");
            Console.WriteLine($"  portal SourceSync, first (all new)        {first.TotalMilliseconds,9:N0} ms  ({first / (bareSearch + bareInsert):N2}x bare total)");
            Console.WriteLine($"  portal SourceSync, again (nothing new)    {again.TotalMilliseconds,9:N0} ms  ({again / (bareSearch + bareInsert):N2}x bare total)");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Check(int actual, int expected, string what)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"{what} returned {actual:N0} accounts, not {expected:N0}.");
        }
    }

    /// <summary>Service accounts as slapadd takes them: pwdChangedTime and createTimestamp set (operational; only slapadd may), no password.</summary>
    private static async Task WriteLdifAsync(string path, int accounts)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < accounts; i++)
        {
            var uid = string.Create(CultureInfo.InvariantCulture, $"svc-bench-{i:000000}");
            var changed = start.AddMinutes(i * 7).ToString("yyyyMMddHHmmss'Z'", CultureInfo.InvariantCulture);
            await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"""
                dn: uid={uid},{Services}
                objectClass: inetOrgPerson
                uid: {uid}
                cn: {uid}
                sn: {uid}
                description: Benchmark service account {i}
                manager: uid=owner-{i % 2000:0000},ou=people,{SlapdServer.Suffix}
                pwdChangedTime: {changed}
                createTimestamp: 20230101000000Z


                """));
        }
    }

    private sealed record BareEntry(string Dn, string? Uid, string? Description, string? Manager, string? PasswordChanged, string? Created);

    private static List<BareEntry> BareSearch(SlapdServer server, IReadOnlyList<string> attributes)
    {
        using var connection = new LdapConnection(new LdapDirectoryIdentifier("127.0.0.1", server.Port), new NetworkCredential(SlapdServer.ReaderDn, server.ReaderPassword), AuthType.Basic);
        connection.SessionOptions.ProtocolVersion = 3;
        connection.Bind();
        var request = new SearchRequest(Services, LdapSourceOptions.OpenLdapFilter, SearchScope.Subtree, [.. attributes]);
        var paging = new PageResultRequestControl(PageSize);
        request.Controls.Add(paging);
        var entries = new List<BareEntry>();
        string? First(SearchResultEntry e, string name) => e.Attributes.Contains(name) ? (string)e.Attributes[name][0] : null;
        while (true)
        {
            var response = (SearchResponse)connection.SendRequest(request);
            foreach (SearchResultEntry e in response.Entries)
            {
                entries.Add(new BareEntry(e.DistinguishedName, First(e, "uid"), First(e, "description"), First(e, "manager"), First(e, "pwdChangedTime"), First(e, "createTimestamp")));
            }
            var cookie = response.Controls.OfType<PageResultResponseControl>().Single().Cookie;
            if (cookie.Length == 0)
            {
                return entries;
            }
            paging.Cookie = cookie;
        }
    }

    private static void BareInsert(string path, List<BareEntry> entries)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE accounts (dn TEXT PRIMARY KEY, uid TEXT, description TEXT, manager TEXT, pwd_changed TEXT, created TEXT)";
            create.ExecuteNonQuery();
        }
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO accounts VALUES ($dn, $uid, $description, $manager, $changed, $created)";
        var parameters = new[] { "$dn", "$uid", "$description", "$manager", "$changed", "$created" }.Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
        insert.Prepare();
        foreach (var e in entries)
        {
            object?[] values = [e.Dn, e.Uid, e.Description, e.Manager, e.PasswordChanged, e.Created];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static async Task MigrateAsync(string path)
    {
        var factory = new RescoreBenchmark.Factory(DbContextOptionsFactory.Create(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={path}", true)));
        await using var db = factory.CreateDbContext();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }

    /// <summary>
    /// The least a sync must store, done by hand: each entry as an identity row and a credential row in the portal's own
    /// tables (so the same indexes), with prepared statements in one transaction. No events, no comparison, no names check.
    /// </summary>
    private static void BareInsertIntoPortalTables(string path, List<BareEntry> entries)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA cache_size=-262144;";
            pragma.ExecuteNonQuery();
        }
        using var transaction = connection.BeginTransaction();
        using var identity = connection.CreateCommand();
        identity.CommandText = """
            INSERT INTO Identities (Id, ExternalId, Name, Kind, Purpose, Environment, SourceSystem, LifecycleState, PrivilegeLevel, Entitlements,
                IsShared, IsBreakGlass, IsVendorManaged, CreatedUtc, Version, StateFromSource, DiscoveredBy, DiscoveredUtc, OwnerHint)
            VALUES ($id, $external, $name, 'ServiceAccount', $purpose, 'Production', 'bench', 'Active', 'Low', '[]', 0, 0, 0, $created, 0, 0, 'bench', $created, $owner)
            """;
        var ip = new[] { "$id", "$external", "$name", "$purpose", "$created", "$owner" }.Select(n => identity.Parameters.Add(n, SqliteType.Text)).ToArray();
        identity.Prepare();
        using var credential = connection.CreateCommand();
        credential.CommandText = """
            INSERT INTO Credentials (Id, ExternalId, Name, Kind, IdentityId, Purpose, Store, StoreReference, Fingerprint, IssuedUtc, IsDynamic, State, Version, DiscoveredBy)
            VALUES ($id, $external, $name, 'Password', $identity, 'bench', 'bench', $dn, $fingerprint, $issued, 0, 'Active', 0, 'bench')
            """;
        var cp = new[] { "$id", "$external", "$name", "$identity", "$dn", "$fingerprint", "$issued" }.Select(n => credential.Parameters.Add(n, SqliteType.Text)).ToArray();
        credential.Prepare();
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        foreach (var e in entries)
        {
            var id = Guid.NewGuid().ToString("D").ToUpperInvariant();
            object?[] identityValues = [id, "bench:" + e.Dn, e.Uid ?? e.Dn, e.Description ?? "", now, e.Manager];
            for (var i = 0; i < ip.Length; i++)
            {
                ip[i].Value = identityValues[i] ?? DBNull.Value;
            }
            identity.ExecuteNonQuery();
            var fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"bench|{e.Dn}|{e.PasswordChanged}")));
            object?[] credentialValues = [Guid.NewGuid().ToString("D").ToUpperInvariant(), "bench:" + e.Dn, (e.Uid ?? e.Dn) + " password", id, e.Dn, fingerprint, now];
            for (var i = 0; i < cp.Length; i++)
            {
                cp[i].Value = credentialValues[i] ?? DBNull.Value;
            }
            credential.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static LdapDirectorySource Source(SlapdServer server) =>
        new(new DiscoverySourceSettings("bench-ldap", DiscoverySourceKinds.Ldap, DeploymentEnvironment.Production, TimeSpan.FromHours(1), TimeSpan.FromSeconds(60)),
            new LdapSourceOptions
            {
                Url = server.Url,
                BindDn = SlapdServer.ReaderDn,
                ReadPassword = () => server.ReaderPassword,
                BaseDns = [Services],
                Dialect = LdapDialect.OpenLdap,
                PageSize = PageSize,
            },
            TimeProvider.System);

    private static async Task<(TimeSpan First, TimeSpan Again)> PortalSyncAsync(string directory, LdapDirectorySource source, int accounts)
    {
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory, "portal.db")}", true);
        var factory = new RescoreBenchmark.Factory(DbContextOptionsFactory.Create(settings));
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        var registry = new DiscoverySourceRegistry([(source, new DiscoverySourceSettings(source.Name, source.Kind, source.Environment, TimeSpan.FromHours(1), TimeSpan.FromSeconds(60)))]);
        await using var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IDbContextFactory<NhiPortalDbContext>>(factory).AddSingleton(TimeProvider.System)
            .AddSingleton<IConnectorRegistry>(new ConnectorRegistry([])).AddSingleton(new RevocationOptions()).AddSingleton(new SmtpSettings())
            .AddSingleton(AuditChainKey.CreateRandom()).AddSingleton(new AuditHeadsFile(Path.Combine(directory, "heads.jsonl")))
            .AddSingleton(registry)
            .AddNhiServices().BuildServiceProvider();
        var sync = services.GetRequiredService<SourceSync>();
        var actor = PortalUser.System("bench");
        var sw = Stopwatch.StartNew();
        var first = await sync.RunAsync(source.Name, actor);
        var firstTime = sw.Elapsed;
        if (first.Status != DiscoveryRunStatus.Succeeded || first.New != accounts)
        {
            throw new InvalidOperationException($"The first sync ended {first.Status} with {first.New:N0} new ({first.Error}).");
        }
        sw.Restart();
        var again = await sync.RunAsync(source.Name, actor);
        var againTime = sw.Elapsed;
        if (again.Status != DiscoveryRunStatus.Succeeded || again.New != 0 || again.Changed != 0)
        {
            throw new InvalidOperationException($"The second sync ended {again.Status} with {again.New:N0} new and {again.Changed:N0} changed.");
        }
        return (firstTime, againTime);
    }
}
