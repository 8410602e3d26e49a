
namespace NhiPortal.Core.Revocation;

/// <summary>Connectors that hand a rotated secret to the workload's secret store themselves, so rotation can run unattended.</summary>
public interface ISecretDelivery
{
    bool DeliversRotatedSecrets { get; }
}
