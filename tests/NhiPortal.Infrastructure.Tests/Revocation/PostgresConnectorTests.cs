using Npgsql;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Connectors;
using NhiPortal.Tests.Shared;

namespace NhiPortal.Infrastructure.Tests.Revocation;

/// <summary>Against a real PostgreSQL server on 127.0.0.1 with password authentication.</summary>
public class PostgresConnectorTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    private PostgresServer Server => fixture.Server;

    private static CredentialRef Ref(string role) => new(Guid.NewGuid(), role, CredentialKind.Password, "pg", role, Fingerprint.OfSecret(role));

    [Fact]
    public async Task Revoke_LocksTheRoleOut_EndsItsSessions_AndTheProbeSaysSo()
    {
        var password = await Server.CreateLoginRoleAsync("svc_billing");
        await using var connector = new PostgresConnector("pg", Server.AdminConnectionString);
        await using var open = new NpgsqlConnection(Server.ConnectionString("svc_billing", password, pooling: false));
        await open.OpenAsync();
        Assert.True((await connector.ProbeAsync(Ref("svc_billing"), default)).StillAccepted);

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
    }

    [Fact]
    public async Task Revoke_IsIdempotent_AndAMissingRoleCountsAsGone()
    {
        await Server.CreateLoginRoleAsync("svc_twice");
        await using var connector = new PostgresConnector("pg", Server.AdminConnectionString);

        Assert.True((await connector.RevokeAsync(Ref("svc_twice"), default)).Succeeded);
        Assert.True((await connector.RevokeAsync(Ref("svc_twice"), default)).Succeeded);
        var missing = await connector.RevokeAsync(Ref("svc_never_existed"), default);
        Assert.True(missing.Succeeded);
        Assert.Contains("does not exist", missing.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_OldPasswordStopsWorking_NewOneWorks_AndOnlyItsFingerprintIsReturnedForStorage()
    {
        var old = await Server.CreateLoginRoleAsync("svc_rotate");
        await using var connector = new PostgresConnector("pg", Server.AdminConnectionString);

        var result = await connector.RotateAsync(Ref("svc_rotate"), default);

        Assert.True(result.Succeeded, result.Detail);
        Assert.NotNull(result.OneTimeSecret);
        Assert.Equal(Fingerprint.OfSecret(result.OneTimeSecret), result.NewFingerprint);
        Assert.NotNull(await Server.TryConnectAsync("svc_rotate", old));
        Assert.Null(await Server.TryConnectAsync("svc_rotate", result.OneTimeSecret));
    }

    [Fact]
    public async Task RoleNames_AreQuoted_SoAHostileNameCannotInjectSql()
    {
        Assert.Equal("\"a\"\"; DROP ROLE postgres; --\"", PostgresConnector.Quote("a\"; DROP ROLE postgres; --"));
        await using var connector = new PostgresConnector("pg", Server.AdminConnectionString);
        var result = await connector.RevokeAsync(Ref("a\"; DROP ROLE postgres; --"), default);
        Assert.True(result.Succeeded);
        Assert.Null(await Server.TryConnectAsync("postgres", Server.AdminPassword));
    }
}
