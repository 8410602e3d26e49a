using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using NhiPortal.Core.Access;

namespace NhiPortal.Web.Auth;

/// <summary>
/// The caller of a Blazor circuit, read from the authentication state (never IHttpContextAccessor, which a circuit
/// outlives), or of a plain HTTP endpoint (a download), whose handler hands over the request's user.
/// </summary>
public sealed class CurrentUser(AuthenticationStateProvider authenticationState, RequestCaller requestCaller) : ICurrentUser
{
    public async Task<PortalUser> GetAsync()
    {
        if (requestCaller.User is { } requestUser)
        {
            return PortalClaims.ToPortalUser(requestUser);
        }
        var state = await authenticationState.GetAuthenticationStateAsync();
        return PortalClaims.ToPortalUser(state.User);
    }
}

/// <summary>Set by an HTTP endpoint's handler to the request's user; empty inside a Blazor circuit.</summary>
public sealed class RequestCaller
{
    public ClaimsPrincipal? User { get; set; }
}
