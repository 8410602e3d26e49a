using Microsoft.Extensions.Configuration;
using NhiPortal.Infrastructure.Discovery;

namespace NhiPortal.Infrastructure.Tests.Discovery;

/// <summary>The postgresql and keycloak kinds built from <c>Discovery:Sources:&lt;name&gt;</c>, secrets only by reference.</summary>
public class DiscoverySourceRegistryTests
{
    private sealed class NoHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }

    private static DiscoverySourceRegistry Build(Dictionary<string, string?> settings) =>
        DiscoverySourceRegistry.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), new NoHttp(), TimeProvider.System);

    [Fact]
    public void FromConfiguration_PostgresqlAndKeycloak_AreBuilt_WithSecretsFromVariables()
    {
        Environment.SetEnvironmentVariable("NHI_TEST_PG_PASSWORD", "pg-secret-from-env");
        Environment.SetEnvironmentVariable("NHI_TEST_KC_SECRET", "kc-secret-from-env");

        var registry = Build(new()
        {
            ["Discovery:Sources:pgprod:Kind"] = "postgresql",
            ["Discovery:Sources:pgprod:ConnectionString"] = "Host=db.example.org;Port=5432;Username=nhi_discovery;Database=postgres",
            ["Discovery:Sources:pgprod:PasswordVariable"] = "NHI_TEST_PG_PASSWORD",
            ["Discovery:Sources:kc:Kind"] = "keycloak",
            ["Discovery:Sources:kc:BaseUrl"] = "https://kc.example.org",
            ["Discovery:Sources:kc:Realm"] = "corp",
            ["Discovery:Sources:kc:ClientId"] = "nhiportal-discovery",
            ["Discovery:Sources:kc:ClientSecretVariable"] = "NHI_TEST_KC_SECRET",
        });

        Assert.Equal("postgresql", registry.For("pgprod")!.Kind);
        Assert.Equal("keycloak", registry.For("kc")!.Kind);
        Assert.DoesNotContain("pg-secret-from-env", registry.For("pgprod")!.Location, StringComparison.Ordinal);
        Assert.Contains("corp", registry.For("kc")!.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_ASecretWrittenInConfiguration_StopsStartUp()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new()
        {
            ["Discovery:Sources:kc:Kind"] = "keycloak",
            ["Discovery:Sources:kc:BaseUrl"] = "https://kc.example.org",
            ["Discovery:Sources:kc:Realm"] = "corp",
            ["Discovery:Sources:kc:ClientId"] = "nhiportal-discovery",
            ["Discovery:Sources:kc:ClientSecret"] = "plain-secret-in-config",
        }));

        Assert.Contains("ClientSecretVariable", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("plain-secret-in-config", error.Message, StringComparison.Ordinal);
    }
}
