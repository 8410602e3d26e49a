
namespace NhiPortal.Core.Revocation;

/// <summary>Connectors that can revoke a token someone holds (RFC 7009) and ask whether it is still active (RFC 7662).</summary>
public interface ITokenRevoker
{
    Task<bool> RevokeTokenAsync(string token, CancellationToken ct);

    Task<bool> IsActiveAsync(string token, CancellationToken ct);
}
