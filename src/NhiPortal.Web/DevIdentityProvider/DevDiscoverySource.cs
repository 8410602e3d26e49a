using NhiPortal.Infrastructure.Discovery;

namespace NhiPortal.Web.DevIdentityProvider;

/// <summary>
/// In Development the built-in provider is also a discovery source: the portal reads its clients through the same
/// Keycloak Admin API subset a real Keycloak answers, so the demo shows discovery, shadow accounts and usage from token
/// grants. Off with <c>DevIdentityProvider:DiscoverClients=false</c> (the browser tests keep their inventory fixed).
/// </summary>
internal static class DevDiscoverySource
{
    // The secret goes by reference, as for every source: the setting names a variable of this process.
    private const string SecretVariable = "NHIPORTAL_DEVIDP_CONNECTOR_SECRET";

    public static void Register(IHostApplicationBuilder builder, string issuer, string realm, string connectorSecret)
    {
        var name = DevIdentityProviderSetup.ConnectorName;
        if (!builder.Configuration.GetValue("DevIdentityProvider:DiscoverClients", true) || builder.Configuration[$"Discovery:Sources:{name}:Kind"] is not null)
        {
            return;
        }
        Environment.SetEnvironmentVariable(SecretVariable, connectorSecret);
        var settings = new Dictionary<string, string?>
        {
            [$"Discovery:Sources:{name}:Kind"] = DiscoverySourceKinds.Keycloak,
            [$"Discovery:Sources:{name}:BaseUrl"] = issuer,
            [$"Discovery:Sources:{name}:Realm"] = realm,
            [$"Discovery:Sources:{name}:ClientId"] = DevIdentityProviderSetup.ConnectorClientId,
            [$"Discovery:Sources:{name}:ClientSecretVariable"] = SecretVariable,
            [$"Discovery:Sources:{name}:Environment"] = "Development",
            [$"Discovery:Sources:{name}:IntervalMinutes"] = "15",
        };
        // The demo bots, and the automation clients (enrolled with this source's ids, so a sync finds them known, not gone).
        var listed = DevIdentityProviderSetup.DemoBotClientIds.Concat(DevAutomationClients.All.Select(c => c.ClientId)).ToList();
        for (var i = 0; i < listed.Count; i++)
        {
            settings[$"Discovery:Sources:{name}:ManagedClients:{i}"] = listed[i];
        }
        builder.Configuration.AddInMemoryCollection(settings);
    }
}
