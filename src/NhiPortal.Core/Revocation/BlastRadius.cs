using NhiPortal.Core.Credentials;

namespace NhiPortal.Core.Revocation;

/// <summary>The dry run: everything the run would touch, and how, before anything happens.</summary>
public sealed record BlastRadius(IReadOnlyList<BlastRadiusItem> Items, IReadOnlyList<string> SharedIdentities, string? IdentityName, bool IdentityDisabled)
{
    public int WillRevoke => Items.Count(i => i.State == CredentialState.Active);
    public int ThroughConnectors => Items.Count(i => i.State == CredentialState.Active && i.Connector is not null && i.ConnectorKind != "manual");
    public int Manual => Items.Count(i => i.State == CredentialState.Active && (i.Connector is null || i.ConnectorKind == "manual"));
    public int AlreadyInactive => Items.Count(i => i.State != CredentialState.Active);
}
