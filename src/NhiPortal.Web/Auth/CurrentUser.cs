using Microsoft.AspNetCore.Components.Authorization;
using NhiPortal.Core.Access;

namespace NhiPortal.Web.Auth;

/// <summary>The caller of a Blazor circuit or request, read from the authentication state (never IHttpContextAccessor).</summary>
public sealed class CurrentUser(AuthenticationStateProvider authenticationState) : ICurrentUser
{
    public async Task<PortalUser> GetAsync()
    {
        var state = await authenticationState.GetAuthenticationStateAsync();
        return PortalClaims.ToPortalUser(state.User);
    }
}
