
namespace NhiPortal.Core.Revocation;

public interface IConnectorRegistry
{
    /// <summary>The connector that serves a store, or null when none is configured.</summary>
    ICredentialConnector? For(string store);

    IReadOnlyList<ICredentialConnector> All { get; }
}
