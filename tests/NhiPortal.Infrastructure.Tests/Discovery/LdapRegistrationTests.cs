using Microsoft.Extensions.Configuration;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Discovery;
using NhiPortal.Infrastructure.Discovery.Ldap;
using NhiPortal.Infrastructure.Tests.Revocation;
using NhiPortal.Tests.Shared;

namespace NhiPortal.Infrastructure.Tests.Discovery;

/// <summary>The source and the connector built from the settings operators write, through the two registries.</summary>
public class LdapRegistrationTests(SlapdFixture fixture) : IClassFixture<SlapdFixture>
{
    private SlapdServer Server => fixture.Server;

    private static DiscoverySourceRegistry Sources(Dictionary<string, string?> settings) =>
        DiscoverySourceRegistry.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), null!, TimeProvider.System);

    [Fact]
    public async Task DiscoverySource_FromSettings_ReadsThePasswordFileWhenItConnects()
    {
        var container = LdapTestEntries.NewContainer("ou=services");
        await Server.AddAsync(LdapTestEntries.Container(container) + LdapTestEntries.ServiceAccount($"uid=svc-conf,{container}", "svc-conf", "pw"));
        var passwordFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(passwordFile, "not-yet-right");
        try
        {
            var registry = Sources(new()
            {
                ["Discovery:Sources:corp-ldap:Kind"] = "ldap",
                ["Discovery:Sources:corp-ldap:Url"] = Server.Url,
                ["Discovery:Sources:corp-ldap:BindDn"] = SlapdServer.ReaderDn,
                ["Discovery:Sources:corp-ldap:PasswordFile"] = passwordFile,
                ["Discovery:Sources:corp-ldap:BaseDns:0"] = container,
                ["Discovery:Sources:corp-ldap:Dialect"] = "openldap",
                ["Discovery:Sources:corp-ldap:PageSize"] = "1",
                ["Discovery:Sources:corp-ldap:Environment"] = "Development",
            });
            var source = Assert.IsType<LdapDirectorySource>(registry.For("corp-ldap"));
            await Assert.ThrowsAsync<Core.Discovery.DiscoverySourceException>(() => source.ReadAsync(default));

            await File.WriteAllTextAsync(passwordFile, Server.ReaderPassword + "\n");
            var read = await source.ReadAsync(default);

            Assert.Equal("svc-conf", Assert.Single(read.Accounts).Name);
            Assert.Equal(Core.Inventory.DeploymentEnvironment.Development, source.Environment);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    [Fact]
    public void DiscoverySource_PasswordInConfiguration_StopsStartUp()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Sources(new()
        {
            ["Discovery:Sources:corp-ldap:Kind"] = "ldap",
            ["Discovery:Sources:corp-ldap:Url"] = "ldap://127.0.0.1:1",
            ["Discovery:Sources:corp-ldap:BindDn"] = SlapdServer.ReaderDn,
            ["Discovery:Sources:corp-ldap:Password"] = "hunter2",
            ["Discovery:Sources:corp-ldap:BaseDns:0"] = "ou=services,dc=nhi,dc=test",
        }));

        Assert.Contains("PasswordVariable", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connector_FromSettings_RevokesInsideManagedBaseDnsOnly()
    {
        var container = LdapTestEntries.NewContainer("ou=services");
        var dn = $"uid=svc-reg,{container}";
        await Server.AddAsync(LdapTestEntries.Container(container) + LdapTestEntries.ServiceAccount(dn, "svc-reg", "reg-pw"));
        var variable = $"NHI_TEST_LDAP_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, Server.ConnectorPassword);
        try
        {
            await using var registry = TestConnectors.FromSettings(new Dictionary<string, string?>
            {
                ["Connectors:corp-ldap:Kind"] = "ldap",
                ["Connectors:corp-ldap:Url"] = Server.Url,
                ["Connectors:corp-ldap:BindDn"] = SlapdServer.ConnectorDn,
                ["Connectors:corp-ldap:PasswordVariable"] = variable,
                ["Connectors:corp-ldap:ManagedBaseDns:0"] = container.ToUpperInvariant(),
            });
            var connector = registry.For("corp-ldap")!;
            Assert.Equal("ldap", connector.Kind);

            var result = await connector.RevokeAsync(new CredentialRef(Guid.NewGuid(), "svc-reg", CredentialKind.Password, "corp-ldap", dn, Fingerprint.OfSecret("x")), default);

            Assert.True(result.Succeeded, result.Detail);
            Assert.NotNull(await Server.TryBindAsync(dn, "reg-pw"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Connector_WithoutManagedBaseDns_RefusesEverything()
    {
        await using var registry = TestConnectors.FromSettings(new Dictionary<string, string?>
        {
            ["Connectors:corp-ldap:Kind"] = "ldap",
            ["Connectors:corp-ldap:Url"] = Server.Url,
            ["Connectors:corp-ldap:BindDn"] = SlapdServer.ConnectorDn,
            ["Connectors:corp-ldap:PasswordVariable"] = "NHI_TEST_UNSET_VARIABLE",
        });

        var result = await registry.For("corp-ldap")!.RevokeAsync(
            new CredentialRef(Guid.NewGuid(), "x", CredentialKind.Password, "corp-ldap", $"uid=x,ou=services,{SlapdServer.Suffix}", Fingerprint.OfSecret("x")), default);

        Assert.False(result.Retryable);
        Assert.Contains("ManagedBaseDns", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Connector_ActiveDirectoryOverPlainLdap_StopsStartUp()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => TestConnectors.FromSettings(new Dictionary<string, string?>
        {
            ["Connectors:corp-ad:Kind"] = "ldap",
            ["Connectors:corp-ad:Dialect"] = "ad",
            ["Connectors:corp-ad:Url"] = "ldap://dc01.corp.example:389",
            ["Connectors:corp-ad:BindDn"] = "CN=nhi-connector,OU=Service Accounts,DC=corp,DC=example",
            ["Connectors:corp-ad:PasswordVariable"] = "NHI_TEST_UNSET_VARIABLE",
            ["Connectors:corp-ad:ManagedBaseDns:0"] = "OU=Service Accounts,DC=corp,DC=example",
        }));

        Assert.Contains("ldaps://", ex.Message, StringComparison.Ordinal);
    }
}
