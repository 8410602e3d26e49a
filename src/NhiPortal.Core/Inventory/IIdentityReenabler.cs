namespace NhiPortal.Core.Inventory;

/// <summary>Brings a disabled identity back (Operators, Administrators): the containment was lifted, with a reason.</summary>
public interface IIdentityReenabler
{
    /// <summary>
    /// Disabled to Active, audited with the reason; its revoked credentials stay revoked (new ones are issued or
    /// registered afterwards). A decommissioned identity cannot come back.
    /// </summary>
    Task ReenableAsync(Guid identityId, string reason, CancellationToken ct = default);
}
