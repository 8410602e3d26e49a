namespace NhiPortal.Core.Discovery;

/// <summary>
/// The read side of a connector: one per configured source (<c>Discovery:Sources:&lt;name&gt;</c>). A read pages
/// through the whole source; a timeout, a refused bind or a source that dies mid-page throws
/// <see cref="DiscoverySourceException"/> (or is cancelled), and the sync then applies nothing.
/// </summary>
public interface IDiscoverySource
{
    /// <summary>The configured name; discovered credentials carry it as their <c>Store</c>, so a connector of the same name revokes them.</summary>
    string Name { get; }

    /// <summary>ldap, postgresql, keycloak.</summary>
    string Kind { get; }

    /// <summary>Where it reads, for the Sources page (a host and base DN, a server, a realm): never a password.</summary>
    string Location { get; }

    Inventory.DeploymentEnvironment Environment { get; }

    Task<DiscoveryRead> ReadAsync(CancellationToken ct);
}
