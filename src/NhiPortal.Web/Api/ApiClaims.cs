using System.Security.Claims;
using NhiPortal.Core.Access;
using NhiPortal.Web.Auth;

namespace NhiPortal.Web.Api;

/// <summary>The principal of an API call: the NHI behind the client, with the roles the IdP's claims map to.</summary>
public static class ApiClaims
{
    public const string ClientId = "nhi_client";
    public const string ClientIdentity = "nhi_client_identity";
    public const string AuthenticationType = "nhiportal-api";

    /// <summary>The audit log's actor for a client: a prefix no staff subject or system actor uses.</summary>
    public static string Subject(string clientId) => $"client:{clientId}";

    /// <summary>The client id of a client-credentials token: <c>client_id</c> (RFC 9068), else <c>azp</c>.</summary>
    public static string? ClientOf(ClaimsPrincipal token) =>
        token.FindFirst("client_id")?.Value is { Length: > 0 } id ? id : token.FindFirst("azp")?.Value is { Length: > 0 } azp ? azp : null;

    public static ClaimsPrincipal For(ApiClientStanding standing, IEnumerable<PortalRole> roles)
    {
        var claims = new List<Claim>
        {
            new(PortalClaims.Subject, Subject(standing.ClientId)),
            new(PortalClaims.Name, $"{standing.IdentityName} (API client)"),
            new(ClientId, standing.ClientId),
            new(ClientIdentity, standing.IdentityId!.Value.ToString()),
        };
        claims.AddRange(roles.Order().Select(r => new Claim(PortalClaims.Role, r.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType, PortalClaims.Name, PortalClaims.Role));
    }
}
