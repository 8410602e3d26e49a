using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using NhiPortal.Core.Access;

namespace NhiPortal.Web.Auth;

/// <summary>
/// The caller of a Blazor circuit, read from the authentication state (never IHttpContextAccessor, which a circuit
/// outlives), or of a plain HTTP endpoint (a download), whose handler hands over the request's user. Someone the staff
/// directory marks as left holds no role here, so the services refuse them even before their circuit is revalidated;
/// within one HTTP request the cookie check's answer stands (<see cref="RequestStanding"/>).
/// </summary>
public sealed class CurrentUser(AuthenticationStateProvider authenticationState, RequestCaller requestCaller, RequestStanding standing, DepartedStaffCheck departed)
    : ICurrentUser
{
    public async Task<PortalUser> GetAsync()
    {
        var principal = requestCaller.User ?? (await authenticationState.GetAuthenticationStateAsync()).User;
        var user = PortalClaims.ToPortalUser(principal);
        return user.HasAnyRole && !standing.IsAdmitted(user.Subject) && await departed.HasLeftAsync(user.Subject) ? user with { Roles = new HashSet<PortalRole>() } : user;
    }
}

/// <summary>Set by an HTTP endpoint's handler to the request's user; empty inside a Blazor circuit.</summary>
public sealed class RequestCaller
{
    public ClaimsPrincipal? User { get; set; }
}
