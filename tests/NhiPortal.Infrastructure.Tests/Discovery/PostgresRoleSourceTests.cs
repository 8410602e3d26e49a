using Microsoft.Extensions.Time.Testing;
using Npgsql;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Discovery;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Usage;
using NhiPortal.Infrastructure.Discovery.Postgres;

namespace NhiPortal.Infrastructure.Tests.Discovery;

/// <summary>
/// The PostgreSQL discovery source against a real server, reading as a plain LOGIN role (the least privilege the
/// README names), and its usage from the server's own jsonlog connection log.
/// </summary>
public class PostgresRoleSourceTests(PostgresLogFixture fixture) : IClassFixture<PostgresLogFixture>
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    private PostgresRoleSource Source(string? prefix = null, string[]? privileged = null, string? password = null)
    {
        var connection = new NpgsqlConnectionStringBuilder(fixture.Server.ConnectionString(PostgresLogFixture.Reader, "x")) { Password = null }.ConnectionString;
        return new PostgresRoleSource("pgsrc", connection, password ?? fixture.ReaderPassword, DeploymentEnvironment.Production, TimeSpan.FromSeconds(5),
            prefix, privileged, fixture.Server.LogDirectory, new FakeTimeProvider(new DateTimeOffset(Now)));
    }

    private static DiscoveredAccount Account(DiscoveryRead read, string role) => Assert.Single(read.Accounts, a => a.ExternalId == role);

    [Fact]
    public async Task ReadAsync_LoginRoles_AreMappedWithExpiryPrivilegeMembershipsAndOwnerHint()
    {
        await fixture.Server.ExecuteAsync("""
            CREATE ROLE m_readers NOLOGIN; CREATE ROLE m_app_admins NOLOGIN;
            CREATE ROLE m_reporting LOGIN PASSWORD 'p' VALID UNTIL '2030-01-01 00:00:00+00' IN ROLE m_readers;
            COMMENT ON ROLE m_reporting IS 'owner=alice@example.org; nightly finance reports';
            CREATE ROLE m_super LOGIN SUPERUSER PASSWORD 'p'; COMMENT ON ROLE m_super IS 'owner: bob@example.org';
            CREATE ROLE m_creator LOGIN CREATEDB PASSWORD 'p'; COMMENT ON ROLE m_creator IS 'schema migrations';
            CREATE ROLE m_member LOGIN PASSWORD 'p' IN ROLE m_app_admins;
            CREATE ROLE m_expired LOGIN PASSWORD 'p' VALID UNTIL '2020-01-01 00:00:00+00';
            """);
        var source = Source(privileged: ["m_app_admins"]);

        var read = await source.ReadAsync(default);

        Assert.True(read.Complete);
        Assert.DoesNotContain(read.Accounts, a => a.Name.StartsWith("pg_", StringComparison.Ordinal));
        Assert.DoesNotContain(read.Accounts, a => a.Name is "m_readers" or "m_app_admins");
        var reporting = Account(read, "m_reporting");
        Assert.False(reporting.Disabled);
        Assert.Equal(PrivilegeLevel.Low, reporting.Privilege);
        Assert.Equal(["m_readers"], reporting.Entitlements);
        Assert.Equal("alice@example.org", reporting.OwnerHint);
        Assert.Equal("nightly finance reports", reporting.Description);
        Assert.Equal(IdentityKind.ServiceAccount, reporting.Kind);
        Assert.Equal(new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc), reporting.Credential.ExpiresUtc);
        Assert.Equal(DateTimeKind.Utc, reporting.Credential.ExpiresUtc!.Value.Kind);
        Assert.Equal(CredentialKind.Password, reporting.Credential.Kind);
        Assert.Equal("m_reporting", reporting.Credential.StoreReference);
        Assert.True(reporting.Credential.Enabled);
        var super = Account(read, "m_super");
        Assert.Equal(PrivilegeLevel.Critical, super.Privilege);
        Assert.Contains("attribute:superuser", super.Entitlements);
        Assert.Equal("bob@example.org", super.OwnerHint);
        var creator = Account(read, "m_creator");
        Assert.Equal(PrivilegeLevel.High, creator.Privilege);
        Assert.Equal(["attribute:createdb"], creator.Entitlements);
        Assert.Null(creator.OwnerHint);
        Assert.Equal("schema migrations", creator.Description);
        Assert.Equal(PrivilegeLevel.Medium, Account(read, "m_member").Privilege);
        var expired = Account(read, "m_expired");
        Assert.True(expired.Disabled);
        Assert.False(expired.Credential.Enabled);
    }

    [Fact]
    public async Task ReadAsync_Fingerprint_IsStable_AndChangesWithValidUntil()
    {
        await fixture.Server.ExecuteAsync("CREATE ROLE f_role LOGIN PASSWORD 'p' VALID UNTIL '2029-01-01 00:00:00+00'");
        var source = Source();

        var first = Account(await source.ReadAsync(default), "f_role").Credential.Fingerprint;
        var again = Account(await source.ReadAsync(default), "f_role").Credential.Fingerprint;
        await fixture.Server.ExecuteAsync("ALTER ROLE f_role VALID UNTIL '2031-01-01 00:00:00+00'");
        var changed = Account(await source.ReadAsync(default), "f_role").Credential.Fingerprint;

        Assert.Equal(first, again);
        Assert.NotEqual(first, changed);
    }

    [Fact]
    public async Task ReadAsync_NologinRoleWithTheAccountPrefix_IsListedDisabled_OtherNologinRolesAreNot()
    {
        await fixture.Server.ExecuteAsync("CREATE ROLE nhi_locked NOLOGIN; CREATE ROLE other_group NOLOGIN; CREATE ROLE nhi_live LOGIN PASSWORD 'p'");
        var source = Source(prefix: "nhi_");

        var read = await source.ReadAsync(default);

        var locked = Account(read, "nhi_locked");
        Assert.True(locked.Disabled);
        Assert.False(locked.Credential.Enabled);
        Assert.False(Account(read, "nhi_live").Disabled);
        Assert.DoesNotContain(read.Accounts, a => a.Name == "other_group");
    }

    [Fact]
    public async Task ReadAsync_WrongPassword_ThrowsDiscoverySourceException_WithoutThePassword()
    {
        const string wrong = "definitely-not-the-password-41";
        var source = Source(password: wrong);

        var error = await Assert.ThrowsAsync<DiscoverySourceException>(() => source.ReadAsync(default));

        Assert.Contains("login refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("pgsrc", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_NothingListening_ThrowsDiscoverySourceException()
    {
        var port = NhiPortal.Tests.Shared.TestPorts.Free();
        var source = new PostgresRoleSource("pgsrc", $"Host=127.0.0.1;Port={port};Username=nobody;Database=postgres", "x",
            DeploymentEnvironment.Production, TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<DiscoverySourceException>(() => source.ReadAsync(default));

        Assert.Contains("unreachable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APasswordInTheConnectionString_StopsStartUp()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new PostgresRoleSource("pgsrc", "Host=127.0.0.1;Username=u;Password=secret-in-config",
            null, DeploymentEnvironment.Production, TimeSpan.FromSeconds(2)));

        Assert.Contains("PasswordVariable", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-in-config", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadUsageAsync_ConnectionsFromIpv4AndIpv6_AreTwoAddresses_AndTheCursorNeverCountsTwice()
    {
        var password = await fixture.Server.CreateLoginRoleAsync("u_worker");
        var source = Source();
        var start = await source.ReadUsageAsync(null, default);

        await ConnectAsync("u_worker", password, "127.0.0.1");
        await ConnectAsync("u_worker", password, "::1");
        var first = await UntilAsync(source, start.NextCursor, "u_worker", 2);
        var nothingNew = await source.ReadUsageAsync(first.NextCursor, default);
        await ConnectAsync("u_worker", password, "127.0.0.1");
        var third = await UntilAsync(source, first.NextCursor, "u_worker", 1);

        var events = first.Events.Where(e => e.StoreReference == "u_worker").ToList();
        Assert.Equal(2, events.Count);
        Assert.Equal(["127.0.0.1", "::1"], events.Select(e => e.SourceAddress).Order(StringComparer.Ordinal));
        Assert.All(events, e =>
        {
            Assert.Equal("pgsrc", e.Store);
            Assert.Equal("postgres", e.Target);
            Assert.Equal(UsageOutcome.Succeeded, e.Outcome);
            Assert.Equal(DateTimeKind.Utc, e.TimeUtc.Kind);
            Assert.InRange(e.TimeUtc, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));
        });
        Assert.DoesNotContain(nothingNew.Events, e => e.StoreReference == "u_worker");
        Assert.Equal("127.0.0.1", Assert.Single(third.Events, e => e.StoreReference == "u_worker").SourceAddress);
    }

    [Fact]
    public async Task ReadUsageAsync_AWrongPasswordLogin_IsRefused()
    {
        await fixture.Server.CreateLoginRoleAsync("u_guesser");
        var source = Source();
        var start = await source.ReadUsageAsync(null, default);

        // One attempt: with SSL or GSS encryption "preferred" a client may retry a refused login on a plain connection.
        var single = new NpgsqlConnectionStringBuilder(fixture.Server.ConnectionString("u_guesser", "wrong", pooling: false))
        {
            SslMode = SslMode.Disable, GssEncryptionMode = GssEncryptionMode.Disable,
        };
        await using (var connection = new NpgsqlConnection(single.ConnectionString))
        {
            await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
        }
        var read = await UntilAsync(source, start.NextCursor, "u_guesser", 1);

        var refused = Assert.Single(read.Events, e => e.StoreReference == "u_guesser");
        Assert.Equal(UsageOutcome.Refused, refused.Outcome);
        Assert.Equal("127.0.0.1", refused.SourceAddress);
    }

    private async Task ConnectAsync(string role, string password, string host)
    {
        await using var connection = new NpgsqlConnection(fixture.Server.ConnectionString(role, password, pooling: false, host: host));
        await connection.OpenAsync();
    }

    /// <summary>The server's log collector writes asynchronously: polls until the role has <paramref name="count"/> events.</summary>
    private static async Task<UsageRead> UntilAsync(PostgresRoleSource source, string? cursor, string role, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var read = await source.ReadUsageAsync(cursor, default);
            if (read.Events.Count(e => e.StoreReference == role) >= count || DateTime.UtcNow > deadline)
            {
                return read;
            }
            await Task.Delay(50);
        }
    }
}
