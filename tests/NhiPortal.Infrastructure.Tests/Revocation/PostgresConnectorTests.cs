using Npgsql;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Connectors;
using NhiPortal.Tests.Shared;

namespace NhiPortal.Infrastructure.Tests.Revocation;

/// <summary>
/// Against a real PostgreSQL server on 127.0.0.1 with scram-sha-256 authentication; the connector logs in as the
/// README's least-privileged role (LOGIN CREATEROLE + pg_signal_backend), never as the superuser.
/// </summary>
public class PostgresConnectorTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    private PostgresServer Server => fixture.Server;

    private static CredentialRef Ref(string role) => new(Guid.NewGuid(), role, CredentialKind.Password, "pg", role, Fingerprint.OfSecret(role));

    private Task<ConnectorRegistry> RegistryAsync(string? prefix = "svc_", params string[] roles) => TestConnectors.PostgresAsync(Server, "pg", prefix, null, roles);

    [Fact]
    public async Task TheConnectorRole_IsNotASuperuser()
    {
        await Server.ConnectorConnectionStringAsync();
        Assert.Equal(false, await Server.ScalarAsync("SELECT rolsuper FROM pg_roles WHERE rolname = $1", PostgresServer.ConnectorRole));
        Assert.Equal(true, await Server.ScalarAsync("SELECT rolcreaterole FROM pg_roles WHERE rolname = $1", PostgresServer.ConnectorRole));
    }

    [Fact]
    public async Task Revoke_LocksTheRoleOut_EndsItsSessions_AndTheProbeSaysSo()
    {
        var password = await Server.CreateLoginRoleAsync("svc_billing");
        await using var registry = await RegistryAsync();
        var connector = registry.For("pg")!;
        await using var open = new NpgsqlConnection(Server.ConnectionString("svc_billing", password, pooling: false));
        await open.OpenAsync();
        var before = await connector.ProbeAsync(Ref("svc_billing"), default);
        Assert.True(before.StillAccepted, before.Detail);

        var result = await connector.RevokeAsync(Ref("svc_billing"), default);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Contains("1 session(s) terminated", result.Detail, StringComparison.Ordinal);
        var refusal = await Server.TryConnectAsync("svc_billing", password);
        Assert.NotNull(refusal);
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var command = new NpgsqlCommand("SELECT 1", open);
            await command.ExecuteScalarAsync();
        });
        var probe = await connector.ProbeAsync(Ref("svc_billing"), default);
        Assert.False(probe.StillAccepted, probe.Detail);
        Assert.True(probe.Verifiable, probe.Detail);
    }

    [Fact]
    public async Task Revoke_IsIdempotent()
    {
        await Server.CreateLoginRoleAsync("svc_twice");
        await using var registry = await RegistryAsync();
        var connector = registry.For("pg")!;

        var first = await connector.RevokeAsync(Ref("svc_twice"), default);
        var second = await connector.RevokeAsync(Ref("svc_twice"), default);

        Assert.True(first.Succeeded, first.Detail);
        Assert.True(second.Succeeded, second.Detail);
    }

    [Theory]
    [InlineData("svc_never_existed")]
    [InlineData("svc_Case_Differs")]
    public async Task AMissingRole_IsAFailureForAPerson_NeverASuccess(string reference)
    {
        var password = await Server.CreateLoginRoleAsync("svc_case_differs");
        await using var registry = await RegistryAsync();
        var connector = registry.For("pg")!;

        var result = await connector.RevokeAsync(Ref(reference), default);

        Assert.False(result.Succeeded, result.Detail);
        Assert.Contains("not found: cannot verify", result.Detail, StringComparison.Ordinal);
        var probe = await connector.ProbeAsync(Ref(reference), default);
        // "Cannot find it" must never read as "it no longer works".
        Assert.False(probe.Verifiable, probe.Detail);
        Assert.False(probe.TargetFound, probe.Detail);
        Assert.False(result.Retryable);
        Assert.Contains("not found: cannot verify", probe.Detail, StringComparison.Ordinal);
        Assert.Null(await Server.TryConnectAsync("svc_case_differs", password));
    }

    [Fact]
    public async Task Rotate_OldPasswordStopsWorking_NewOneWorks_AndOnlyItsFingerprintIsReturnedForStorage()
    {
        var old = await Server.CreateLoginRoleAsync("svc_rotate");
        await using var registry = await RegistryAsync();

        var result = await registry.For("pg")!.RotateAsync(Ref("svc_rotate"), default);

        Assert.True(result.Succeeded, result.Detail);
        Assert.NotNull(result.OneTimeSecret);
        Assert.Equal(Fingerprint.OfSecret(result.OneTimeSecret), result.NewFingerprint);
        Assert.NotNull(await Server.TryConnectAsync("svc_rotate", old));
        Assert.Null(await Server.TryConnectAsync("svc_rotate", result.OneTimeSecret));
    }

    [Fact]
    public async Task Rotate_SendsAScramVerifier_SoTheServerNeverSeesThePlaintext()
    {
        await Server.CreateLoginRoleAsync("svc_scram");
        await Server.ConnectorConnectionStringAsync();
        // Every statement the connector's sessions send lands in the server log.
        await Server.ExecuteAsync($"ALTER ROLE {PostgresServer.ConnectorRole} SET log_statement = 'all'");
        await using var registry = await RegistryAsync();

        var result = await registry.For("pg")!.RotateAsync(Ref("svc_scram"), default);

        Assert.True(result.Succeeded, result.Detail);
        var secret = result.OneTimeSecret!;
        Assert.Null(await Server.TryConnectAsync("svc_scram", secret));
        var log = await File.ReadAllTextAsync(Server.LogPath);
        Assert.Contains("ALTER ROLE \"svc_scram\"", log, StringComparison.Ordinal);
        Assert.False(log.Contains(secret, StringComparison.Ordinal), "the server log holds the new password in clear");
        var stored = (string)(await Server.ScalarAsync("SELECT rolpassword FROM pg_authid WHERE rolname = 'svc_scram'"))!;
        Assert.StartsWith("SCRAM-SHA-256$4096:", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARoleOutsideTheAllowList_IsRefused_AndLeftAlone()
    {
        var password = await Server.CreateLoginRoleAsync("reporting_app");
        await using var registry = await RegistryAsync("svc_", "legacy_batch");
        var connector = registry.For("pg")!;

        var revoke = await connector.RevokeAsync(Ref("reporting_app"), default);
        var rotate = await connector.RotateAsync(Ref("reporting_app"), default);

        Assert.False(revoke.Succeeded, revoke.Detail);
        Assert.Contains("refused: outside what connector \"pg\" may manage", revoke.Detail, StringComparison.Ordinal);
        Assert.False(rotate.Succeeded, rotate.Detail);
        Assert.Contains("refused: outside what connector \"pg\" may manage", rotate.Detail, StringComparison.Ordinal);
        Assert.Null(rotate.OneTimeSecret);
        Assert.Null(await Server.TryConnectAsync("reporting_app", password));
    }

    [Fact]
    public async Task ARoleNamedInManagedRoles_IsManaged()
    {
        var password = await Server.CreateLoginRoleAsync("legacy_batch");
        await using var registry = await RegistryAsync("svc_", "legacy_batch");

        var revoke = await registry.For("pg")!.RevokeAsync(Ref("legacy_batch"), default);

        Assert.True(revoke.Succeeded, revoke.Detail);
        Assert.NotNull(await Server.TryConnectAsync("legacy_batch", password));
    }

    [Theory]
    [InlineData("svc_super", "SUPERUSER")]
    [InlineData("svc_admin", "CREATEROLE")]
    [InlineData("svc_bypass", "BYPASSRLS")]
    [InlineData("svc_replica", "REPLICATION")]
    public async Task APrivilegedRole_IsRefused_EvenInsideThePrefix(string role, string attribute)
    {
        var password = await Server.CreateLoginRoleAsync(role, attribute);
        await using var registry = await RegistryAsync();
        var connector = registry.For("pg")!;

        var rotate = await connector.RotateAsync(Ref(role), default);
        var revoke = await connector.RevokeAsync(Ref(role), default);

        Assert.False(rotate.Succeeded, rotate.Detail);
        Assert.Contains("refused: outside what connector \"pg\" may manage", rotate.Detail, StringComparison.Ordinal);
        Assert.Null(rotate.OneTimeSecret);
        Assert.False(revoke.Succeeded, revoke.Detail);
        Assert.Contains("refused: outside what connector \"pg\" may manage", revoke.Detail, StringComparison.Ordinal);
        Assert.Null(await Server.TryConnectAsync(role, password));
    }

    [Fact]
    public async Task AGroupRole_OrAMemberOfAPrivilegedRole_IsRefused()
    {
        var member = await Server.CreateLoginRoleAsync("svc_member");
        await Server.ExecuteAsync("DROP ROLE IF EXISTS svc_group; CREATE ROLE svc_group LOGIN; GRANT svc_group TO svc_member");
        var escalates = await Server.CreateLoginRoleAsync("svc_files");
        await Server.ExecuteAsync("GRANT pg_execute_server_program TO svc_files");
        await using var registry = await RegistryAsync();
        var connector = registry.For("pg")!;

        var group = await connector.RotateAsync(Ref("svc_group"), default);
        var files = await connector.RotateAsync(Ref("svc_files"), default);

        Assert.False(group.Succeeded, group.Detail);
        Assert.Contains("refused: outside what connector \"pg\" may manage", group.Detail, StringComparison.Ordinal);
        Assert.False(files.Succeeded, files.Detail);
        Assert.Contains("pg_execute_server_program", files.Detail, StringComparison.Ordinal);
        Assert.Null(await Server.TryConnectAsync("svc_files", escalates));
        Assert.Null(await Server.TryConnectAsync("svc_member", member));
    }

    [Fact]
    public async Task Rotate_DoesNotReenableARoleThatWasSwitchedOff()
    {
        await Server.CreateLoginRoleAsync("svc_switched_off", "");
        await Server.ExecuteAsync("ALTER ROLE svc_switched_off NOLOGIN");
        await using var registry = await RegistryAsync();

        var rotate = await registry.For("pg")!.RotateAsync(Ref("svc_switched_off"), default);

        Assert.False(rotate.Succeeded, rotate.Detail);
        Assert.Equal(false, await Server.ScalarAsync("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'svc_switched_off'"));
    }

    [Fact]
    public async Task WithoutAnAllowList_EverythingIsRefused()
    {
        var password = await Server.CreateLoginRoleAsync("svc_unlisted");
        var log = new ListLogger();
        await using var registry = TestConnectors.FromSettings(new Dictionary<string, string?>
        {
            ["Connectors:pg:Kind"] = "postgresql",
            ["Connectors:pg:ConnectionString"] = await Server.ConnectorConnectionStringAsync(),
        }, logger: log);
        var connector = registry.For("pg")!;

        var revoke = await connector.RevokeAsync(Ref("svc_unlisted"), default);

        var startUp = Assert.Single(log.Lines);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, startUp.Level);
        Assert.Contains("Connectors:pg:ManagedRolePrefix or ManagedRoles", startUp.Message, StringComparison.Ordinal);

        Assert.False(revoke.Succeeded, revoke.Detail);
        Assert.Contains("refused: outside what connector \"pg\" may manage", revoke.Detail, StringComparison.Ordinal);
        Assert.Contains("ManagedRolePrefix", revoke.Detail, StringComparison.Ordinal);
        Assert.Null(await Server.TryConnectAsync("svc_unlisted", password));
    }

    [Fact]
    public async Task RoleNames_AreQuoted_SoAHostileNameCannotInjectSql()
    {
        const string hostile = "svc_a\"; DROP ROLE postgres; --";
        await Server.CreateLoginRoleAsync(hostile);
        Assert.Equal("\"a\"\"; DROP ROLE postgres; --\"", PostgresConnector.Quote("a\"; DROP ROLE postgres; --"));
        await using var registry = await RegistryAsync();

        var result = await registry.For("pg")!.RevokeAsync(Ref(hostile), default);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Null(await Server.TryConnectAsync("postgres", Server.AdminPassword));
    }
}
