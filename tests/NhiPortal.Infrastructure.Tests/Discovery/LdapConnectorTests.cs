using NhiPortal.Core.Credentials;
using NhiPortal.Core.Discovery.Ldap;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Connectors;
using NhiPortal.Tests.Shared;
using static NhiPortal.Infrastructure.Tests.Discovery.LdapTestEntries;

namespace NhiPortal.Infrastructure.Tests.Discovery;

/// <summary>
/// The connector against a real slapd, bound as a DN that may write only passwords and locks. Every revocation is
/// checked by binding with the old password, because on this slapd a lock alone does not refuse a bind.
/// </summary>
public class LdapConnectorTests(SlapdFixture fixture) : IClassFixture<SlapdFixture>
{
    private SlapdServer Server => fixture.Server;

    private LdapConnector Connector(string managedBaseDn, string? deliveryDirectory = null) => new(SourceName, new LdapConnectorOptions
    {
        Url = Server.Url,
        BindDn = SlapdServer.ConnectorDn,
        ReadPassword = () => Server.ConnectorPassword,
        Dialect = LdapDialect.OpenLdap,
        ManagedBaseDns = [managedBaseDn],
        DeliveryDirectory = deliveryDirectory,
        Timeout = TimeSpan.FromSeconds(10),
    }, TimeProvider.System);

    /// <summary>A managed container with one account whose password was set through the password policy, and that account's credential as discovery recorded it.</summary>
    private async Task<(string Container, string Dn, CredentialRef Credential)> AccountAsync(string password)
    {
        var container = NewContainer("ou=services");
        var dn = $"uid=svc-app,{container}";
        await Server.AddAsync(Container(container) + ServiceAccount(dn, "svc-app", "initial"));
        await Server.SetPasswordAsync(dn, password);
        var discovered = Single(await Source(Server, [container]).ReadAsync(default), dn).Credential;
        return (container, dn, new CredentialRef(Guid.NewGuid(), discovered.Name, CredentialKind.Password, SourceName, dn, discovered.Fingerprint));
    }

    [Fact]
    public async Task Revoke_OldPasswordNoLongerBinds_AndTheProbeSaysNotAccepted()
    {
        var (container, dn, credential) = await AccountAsync("old-pw-1");
        var connector = Connector(container);
        Assert.Null(await Server.TryBindAsync(dn, "old-pw-1"));
        var before = await connector.ProbeAsync(credential, default);
        Assert.True(before.StillAccepted, before.Detail);

        var result = await connector.RevokeAsync(credential, default);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Contains("49", await Server.TryBindAsync(dn, "old-pw-1"), StringComparison.Ordinal);
        Assert.Equal(["000001010000Z"], (await Server.ReadAsync(dn))!["pwdAccountLockedTime"]);
        var probe = await connector.ProbeAsync(credential, default);
        Assert.False(probe.StillAccepted, probe.Detail);
        Assert.True(probe.Verifiable);
        Assert.True(probe.TargetFound);
        var rediscovered = Single(await Source(Server, [container]).ReadAsync(default), dn);
        Assert.True(rediscovered.Disabled);
    }

    [Fact]
    public async Task Revoke_Twice_SucceedsBothTimes_AndStaysLocked()
    {
        var (container, dn, credential) = await AccountAsync("old-pw-2");
        var connector = Connector(container);

        var first = await connector.RevokeAsync(credential, default);
        var second = await connector.RevokeAsync(credential, default);

        Assert.True(first.Succeeded, first.Detail);
        Assert.True(second.Succeeded, second.Detail);
        Assert.Contains("already locked", second.Detail, StringComparison.Ordinal);
        Assert.NotNull(await Server.TryBindAsync(dn, "old-pw-2"));
        Assert.False((await connector.ProbeAsync(credential, default)).StillAccepted);
    }

    [Fact]
    public async Task Probe_LockedButPasswordUnchanged_IsStillAccepted()
    {
        var (container, dn, credential) = await AccountAsync("old-pw-3");
        await Server.ModifyAsync($"dn: {dn}\nchangetype: modify\nreplace: pwdAccountLockedTime\npwdAccountLockedTime: 000001010000Z\n");
        // What the probe guards against: the lock alone lets the bind through on this slapd.
        Assert.Null(await Server.TryBindAsync(dn, "old-pw-3"));

        var probe = await Connector(container).ProbeAsync(credential, default);

        Assert.True(probe.StillAccepted, probe.Detail);
    }

    [Fact]
    public async Task Rotate_DeliversTheNewPasswordOnceToAnOwnerOnlyFile_AndItBinds()
    {
        var (container, dn, credential) = await AccountAsync("old-pw-4");
        await WaitPastPasswordChangeAsync(Server, dn);
        var delivery = Directory.CreateTempSubdirectory("nhiportal-ldap-delivery-").FullName;
        try
        {
            var result = await Connector(container, delivery).RotateAsync(credential, default);

            Assert.True(result.Succeeded, result.Detail);
            Assert.Null(result.OneTimeSecret);
            var file = Assert.Single(Directory.GetFiles(delivery));
            Assert.Equal(file, result.DeliveredTo);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
            var password = await File.ReadAllTextAsync(file);
            Assert.DoesNotContain(password, result.Detail, StringComparison.Ordinal);
            Assert.Null(await Server.TryBindAsync(dn, password));
            Assert.NotNull(await Server.TryBindAsync(dn, "old-pw-4"));
            var rediscovered = Single(await Source(Server, [container]).ReadAsync(default), dn).Credential;
            Assert.Equal(rediscovered.Fingerprint, result.NewFingerprint);
            Assert.NotEqual(credential.Fingerprint, result.NewFingerprint);
        }
        finally
        {
            Directory.Delete(delivery, recursive: true);
        }
    }

    [Fact]
    public async Task Rotate_WithoutDeliveryDirectory_ReturnsTheSecretOnce()
    {
        var (container, dn, credential) = await AccountAsync("old-pw-5");

        var result = await Connector(container).RotateAsync(credential, default);

        Assert.True(result.Succeeded, result.Detail);
        Assert.NotNull(result.OneTimeSecret);
        Assert.True(result.OneTimeSecret.Length >= 32);
        Assert.Null(await Server.TryBindAsync(dn, result.OneTimeSecret));
        Assert.DoesNotContain(result.OneTimeSecret, result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_RevokedAccount_IsRefused_SoTheRevocationStands()
    {
        var (container, dn, credential) = await AccountAsync("old-pw-6");
        var connector = Connector(container);
        Assert.True((await connector.RevokeAsync(credential, default)).Succeeded);
        var lockedPassword = (await Server.ReadAsync(dn))!["pwdChangedTime"];

        var result = await connector.RotateAsync(credential, default);

        Assert.False(result.Succeeded);
        Assert.Contains("refused", result.Detail, StringComparison.Ordinal);
        Assert.Null(result.OneTimeSecret);
        Assert.Equal(lockedPassword, (await Server.ReadAsync(dn))!["pwdChangedTime"]);
    }

    [Theory]
    [InlineData("another container")]
    [InlineData("a look-alike container")]
    [InlineData("the managed container itself")]
    public async Task OutsideManagedBaseDns_IsRefused_AndTheAccountUntouched(string target)
    {
        var (container, _, _) = await AccountAsync("unused");
        var outsideContainer = NewContainer("ou=people");
        var outside = $"uid=svc-outside,{outsideContainer}";
        await Server.AddAsync(Container(outsideContainer) + ServiceAccount(outside, "svc-outside", "outside-pw"));
        var reference = target switch
        {
            "another container" => outside,
            "a look-alike container" => $"uid=svc-app,ou=evil{container.Split(',')[0][3..]},{SlapdServer.Suffix}",
            _ => container,
        };
        var credential = new CredentialRef(Guid.NewGuid(), "x", CredentialKind.Password, SourceName, reference, Fingerprint.OfSecret("x"));
        var connector = Connector(container);

        var revoke = await connector.RevokeAsync(credential, default);
        var rotate = await connector.RotateAsync(credential, default);
        var probe = await connector.ProbeAsync(credential, default);

        Assert.False(revoke.Succeeded);
        Assert.False(revoke.Retryable);
        Assert.StartsWith("refused", revoke.Detail, StringComparison.Ordinal);
        Assert.False(rotate.Succeeded);
        Assert.False(probe.Verifiable);
        Assert.StartsWith("refused", connector.Describe(credential), StringComparison.Ordinal);
        Assert.Null(await Server.TryBindAsync(outside, "outside-pw"));
    }

    [Fact]
    public async Task Probe_UnknownDn_IsNotFound_AndRevokeIsAFinalFailure()
    {
        var container = NewContainer("ou=services");
        await Server.AddAsync(Container(container));
        var credential = new CredentialRef(Guid.NewGuid(), "gone", CredentialKind.Password, SourceName, $"uid=svc-gone,{container}", Fingerprint.OfSecret("x"));
        var connector = Connector(container);

        var probe = await connector.ProbeAsync(credential, default);
        var revoke = await connector.RevokeAsync(credential, default);

        Assert.False(probe.TargetFound);
        Assert.False(probe.Verifiable);
        Assert.False(revoke.Succeeded);
        Assert.False(revoke.Retryable);
        Assert.Contains("not found", revoke.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_SaysWhatRevokingDoes()
    {
        var credential = new CredentialRef(Guid.NewGuid(), "x", CredentialKind.Password, SourceName, $"uid=svc,ou=services,{SlapdServer.Suffix}", Fingerprint.OfSecret("x"));

        var sentence = Connector($"ou=services,{SlapdServer.Suffix}").Describe(credential);

        Assert.Contains("locked", sentence, StringComparison.Ordinal);
        Assert.Contains("random", sentence, StringComparison.Ordinal);
    }
}
