using System.Security.Claims;
using NhiPortal.Core.Access;
using NhiPortal.Web.Auth;

namespace NhiPortal.Web.Api;

/// <summary>The principal of an API call: the NHI behind the client, with the roles the IdP's claims map to.</summary>
public static class ApiClaims
{
    public const string ClientId = "nhi_client";
    public const string ClientIdentity = "nhi_client_identity";

    /// <summary>The client's owner's subject, honoured only on a principal this class built (<see cref="AuthenticationType"/>).</summary>
    public const string ActsFor = "nhi_acts_for";
    public const string AuthenticationType = "nhiportal-api";

    /// <summary>The audit log's actor for a client: a prefix no staff subject or system actor uses.</summary>
    public static string Subject(string clientId) => $"client:{clientId}";

    /// <summary>The client id of a client-credentials token: <c>client_id</c> (RFC 9068), else <c>azp</c>.</summary>
    public static string? ClientOf(ClaimsPrincipal token) =>
        token.FindFirst("client_id")?.Value is { Length: > 0 } id ? id : token.FindFirst("azp")?.Value is { Length: > 0 } azp ? azp : null;

    /// <summary>
    /// Why a token carries a person rather than a machine, or null: a client-credentials token has no user session and no
    /// delegated scopes. Entra marks a person's token <c>idtyp=user</c> and gives it <c>scp</c>; Keycloak and other
    /// providers tie a person's token to a session (<c>sid</c>, <c>session_state</c>); an ID token carries a <c>nonce</c>.
    /// Accepting one would let a person act under a machine's name, outside the staff-directory checks.
    /// </summary>
    public static string? UserTokenReason(ClaimsPrincipal token)
    {
        if (token.FindFirst("idtyp")?.Value is { } type && !string.Equals(type, "app", StringComparison.Ordinal))
        {
            return $"the token is a person's (idtyp={type})";
        }
        foreach (var claim in new[] { "scp", "sid", "session_state", "nonce" })
        {
            if (token.HasClaim(c => c.Type == claim))
            {
                return $"the token carries \"{claim}\", so it belongs to a person's sign-in";
            }
        }
        return null;
    }

    public static ClaimsPrincipal For(ApiClientStanding standing, IEnumerable<PortalRole> roles)
    {
        var claims = new List<Claim>
        {
            new(PortalClaims.Subject, Subject(standing.ClientId)),
            new(PortalClaims.Name, $"{standing.IdentityName} (API client)"),
            new(ClientId, standing.ClientId),
            new(ClientIdentity, standing.IdentityId!.Value.ToString()),
        };
        if (standing.OwnerSubject is { Length: > 0 } owner)
        {
            claims.Add(new Claim(ActsFor, owner));
        }
        claims.AddRange(roles.Order().Select(r => new Claim(PortalClaims.Role, r.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType, PortalClaims.Name, PortalClaims.Role));
    }
}
