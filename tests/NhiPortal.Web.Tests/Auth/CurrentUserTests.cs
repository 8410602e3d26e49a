using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Caching.Memory;
using NhiPortal.Core.Access;
using NhiPortal.Web.Auth;

namespace NhiPortal.Web.Tests.Auth;

/// <summary>What the services see: a circuit's principal still carries its sign-in roles, the directory decides.</summary>
public class CurrentUserTests
{
    private readonly FakeStaffDirectory _directory = new();

    private sealed class FixedState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }

    private static ClaimsPrincipal Reviewer(string subject) => new(new ClaimsIdentity(
        [new Claim(PortalClaims.Subject, subject), new Claim(PortalClaims.Name, "Riley"), new Claim(PortalClaims.Role, nameof(PortalRole.Reviewer))],
        PortalClaims.AuthenticationType, PortalClaims.Name, PortalClaims.Role));

    private CurrentUser For(ClaimsPrincipal principal, RequestCaller? caller = null, RequestStanding? standing = null) => new(new FixedState(principal),
        caller ?? new RequestCaller(), standing ?? new RequestStanding(),
        new DepartedStaffCheck(_directory, new MemoryCache(new MemoryCacheOptions()), TimeProvider.System,
            new SessionSettings(TimeSpan.FromHours(8), TimeSpan.FromHours(12))));

    [Fact]
    public async Task Get_PersonStillInTheDirectory_KeepsTheirRoles()
    {
        var user = await For(Reviewer("riley")).GetAsync();

        Assert.True(user.Can(Capability.AttestOwnIdentities));
    }

    [Fact]
    public async Task Get_CircuitOfAPersonMarkedAsLeft_HoldsNoRole_SoAttestingIsRefused()
    {
        _directory.Left["riley"] = true;

        var user = await For(Reviewer("riley")).GetAsync();

        Assert.Equal("riley", user.Subject);
        Assert.Empty(user.Roles);
        Assert.False(user.Can(Capability.AttestOwnIdentities));
        Assert.False(user.Can(Capability.ViewInventory));
    }

    [Fact]
    public async Task Get_DownloadRequestOfAPersonMarkedAsLeft_HoldsNoRole()
    {
        _directory.Left["riley"] = true;

        var user = await For(new ClaimsPrincipal(), new RequestCaller { User = Reviewer("riley") }).GetAsync();

        Assert.Empty(user.Roles);
    }

    [Fact]
    public async Task Get_WithinARequestTheCookieCheckAdmitted_KeepsTheRoles_EvenIfTheDirectoryChangedSince()
    {
        // The cookie check admitted riley at the request's start; the directory changes while the page prerenders.
        var standing = new RequestStanding();
        standing.Admit("riley");
        _directory.Left["riley"] = true;
        _directory.Left["sam"] = true;

        Assert.True((await For(Reviewer("riley"), standing: standing).GetAsync()).Can(Capability.AttestOwnIdentities));
        // The admission is for that person only, and a circuit (no admission) asks the directory.
        Assert.Empty((await For(Reviewer("sam"), standing: standing).GetAsync()).Roles);
        Assert.Empty((await For(Reviewer("riley")).GetAsync()).Roles);
    }
}
