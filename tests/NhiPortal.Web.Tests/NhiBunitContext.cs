using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using NhiPortal.Core.Access;
using NhiPortal.Web.Auth;

namespace NhiPortal.Web.Tests;

/// <summary>
/// bUnit with MudBlazor and the portal's real authorization policies: components are checked against the role
/// matrix itself, not against a fake that says yes to whatever policy name it is given.
/// </summary>
public abstract class NhiBunitContext : BunitContext, IAsyncLifetime
{
    private readonly SwitchableAuthenticationState _authentication = new();

    protected NhiBunitContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddAuthorizationCore(o => o.AddNhiPolicies());
        // bUnit registers a placeholder authorization service; the real one evaluates the portal's policies.
        Services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
        Services.AddCascadingAuthenticationState();
        Services.AddSingleton<AuthenticationStateProvider>(_authentication);
    }

    protected void SignInAs(string name, params PortalRole[] roles)
    {
        var claims = new List<Claim> { new(PortalClaims.Subject, $"sub-{name}"), new(PortalClaims.Name, name) };
        claims.AddRange(roles.Select(r => new Claim(PortalClaims.Role, r.ToString())));
        _authentication.User = new ClaimsPrincipal(new ClaimsIdentity(claims, PortalClaims.AuthenticationType, PortalClaims.Name, PortalClaims.Role));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor registers services that are only IAsyncDisposable.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private sealed class SwitchableAuthenticationState : AuthenticationStateProvider
    {
        public ClaimsPrincipal User { get; set; } = new(new ClaimsIdentity());

        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(User));
    }
}
