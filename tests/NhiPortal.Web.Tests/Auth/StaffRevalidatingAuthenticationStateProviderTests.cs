using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using NhiPortal.Web.Auth;

namespace NhiPortal.Web.Tests.Auth;

/// <summary>An open circuit, revalidated on a short interval (the framework's own loop, on real time).</summary>
public sealed class StaffRevalidatingAuthenticationStateProviderTests : IDisposable
{
    private readonly FakeStaffDirectory _directory = new();
    private readonly StaffRevalidatingAuthenticationStateProvider _provider;

    public StaffRevalidatingAuthenticationStateProviderTests()
    {
        var settings = new SessionSettings(TimeSpan.FromHours(8), TimeSpan.FromHours(12))
        {
            RevalidateInterval = TimeSpan.FromMilliseconds(50), DirectoryCacheDuration = TimeSpan.Zero,
        };
        _provider = new StaffRevalidatingAuthenticationStateProvider(NullLoggerFactory.Instance,
            new DepartedStaffCheck(_directory, new MemoryCache(new MemoryCacheOptions()), TimeProvider.System, settings), _directory, settings);
    }

    private static ClaimsPrincipal Person(string subject) => new(new ClaimsIdentity(
        [new Claim(PortalClaims.Subject, subject), new Claim(PortalClaims.Name, subject), new Claim(PortalClaims.Role, "Reviewer")],
        PortalClaims.AuthenticationType, PortalClaims.Name, PortalClaims.Role));

    private async Task<ClaimsPrincipal?> NextChangeAsync(TimeSpan within)
    {
        var changed = new TaskCompletionSource<AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        _provider.AuthenticationStateChanged += async state => changed.TrySetResult(await state);
        var done = await Task.WhenAny(changed.Task, Task.Delay(within));
        return done == changed.Task ? (await changed.Task).User : null;
    }

    [Fact]
    public async Task Circuit_OfAPersonMarkedAsLeft_IsSignedOutAtTheNextRevalidation_AndAudited()
    {
        _provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(Person("riley"))));
        var change = NextChangeAsync(TimeSpan.FromSeconds(10));

        _directory.Left["riley"] = true;

        var user = await change;
        Assert.NotNull(user);
        Assert.False(user.Identity?.IsAuthenticated);
        Assert.Contains(_directory.Refusals, r => r.Subject == "riley");
    }

    [Fact]
    public async Task Circuit_OfAPersonStillInTheDirectory_StaysSignedIn()
    {
        _provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(Person("ada"))));

        var change = NextChangeAsync(TimeSpan.FromSeconds(30));

        // Wait for two revalidations however slow the machine, then check none of them signed the person out.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_directory.Queries < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.True(_directory.Queries >= 2, $"revalidated {_directory.Queries} times");
        Assert.False(change.IsCompleted, "the circuit's authentication state changed");
        Assert.True((await _provider.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
        Assert.Empty(_directory.Refusals);
    }

    public void Dispose() => ((IDisposable)_provider).Dispose();
}
