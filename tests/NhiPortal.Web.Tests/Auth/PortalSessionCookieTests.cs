using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Web.Auth;

namespace NhiPortal.Web.Tests.Auth;

/// <summary>The session cookie's own events, run as the cookie handler runs them, on a fake clock.</summary>
public class PortalSessionCookieTests
{
    private static readonly SessionSettings Session = new(TimeSpan.FromHours(8), TimeSpan.FromHours(12));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));

    private CookieAuthenticationOptions Options(bool isDevelopment)
    {
        var options = new CookieAuthenticationOptions { TimeProvider = _clock };
        PortalSessionCookie.Configure(options, Session, isDevelopment);
        return options;
    }

    private readonly FakeStaffDirectory _directory = new();

    private HttpContext? _lastRequest;

    private HttpContext Http()
    {
        var services = new ServiceCollection().AddLogging().AddMemoryCache();
        services.AddAuthentication().AddCookie();
        services.AddSingleton<IStaffDirectoryStanding>(_directory).AddSingleton(Session).AddSingleton<TimeProvider>(_clock).AddSingleton<DepartedStaffCheck>()
            .AddScoped<RequestStanding>();
        _lastRequest = new DefaultHttpContext { RequestServices = services.BuildServiceProvider().CreateScope().ServiceProvider };
        return _lastRequest;
    }

    private bool LastRequestAdmitted(string subject) => _lastRequest!.RequestServices.GetRequiredService<RequestStanding>().IsAdmitted(subject);

    private static AuthenticationScheme Scheme => new(CookieAuthenticationDefaults.AuthenticationScheme, null, typeof(CookieAuthenticationHandler));

    private static ClaimsPrincipal Person => new(new ClaimsIdentity([new Claim(PortalClaims.Subject, "s1")], PortalClaims.AuthenticationType));

    /// <summary>Signs in at the clock's time, then lets <paramref name="later"/> pass while the session keeps sliding.</summary>
    private async Task<ClaimsPrincipal?> ValidateAfterAsync(TimeSpan later)
    {
        var options = Options(isDevelopment: false);
        var properties = new AuthenticationProperties();
        await options.Events.SigningIn(new CookieSigningInContext(Http(), Scheme, options, Person, properties, new CookieOptions()));
        _clock.Advance(later);
        var context = new CookieValidatePrincipalContext(Http(), Scheme, options, new AuthenticationTicket(Person, properties, Scheme.Name));
        await options.Events.ValidatePrincipal(context);
        return context.Principal;
    }

    [Fact]
    public async Task ValidatePrincipal_WithinTheAbsoluteLifetime_KeepsTheSession() =>
        Assert.NotNull(await ValidateAfterAsync(TimeSpan.FromHours(11.9)));

    [Fact]
    public async Task ValidatePrincipal_PastTheAbsoluteLifetime_RejectsTheSessionHoweverActive() =>
        Assert.Null(await ValidateAfterAsync(TimeSpan.FromHours(12) + TimeSpan.FromSeconds(1)));

    [Fact]
    public async Task ValidatePrincipal_PersonMarkedAsLeft_RejectsTheSessionWithinItsLifetime_AndAuditsIt()
    {
        _directory.Left["s1"] = true;

        Assert.Null(await ValidateAfterAsync(TimeSpan.FromMinutes(5)));
        Assert.Equal(("s1", "session cookie"), Assert.Single(_directory.Refusals));
        Assert.False(LastRequestAdmitted("s1"));
    }

    [Fact]
    public async Task ValidatePrincipal_PersonStillInTheDirectory_KeepsTheSession_AndRecordsNothing()
    {
        Assert.NotNull(await ValidateAfterAsync(TimeSpan.FromMinutes(5)));
        Assert.Empty(_directory.Refusals);
        // The rest of the request (a prerendered page's services) holds to this answer.
        Assert.True(LastRequestAdmitted("s1"));
        Assert.False(LastRequestAdmitted("s2"));
    }

    [Fact]
    public async Task ValidatePrincipal_TicketWithoutASignInTime_IsRejected()
    {
        var options = Options(isDevelopment: false);
        var context = new CookieValidatePrincipalContext(Http(), Scheme, options, new AuthenticationTicket(Person, new AuthenticationProperties(), Scheme.Name));

        await options.Events.ValidatePrincipal(context);

        Assert.Null(context.Principal);
    }

    [Fact]
    public void Configure_OutsideDevelopment_CookieIsAlwaysSecure_AndSlides()
    {
        var options = Options(isDevelopment: false);

        Assert.Equal(CookieSecurePolicy.Always, options.Cookie.SecurePolicy);
        Assert.True(options.Cookie.HttpOnly);
        Assert.True(options.SlidingExpiration);
        Assert.Equal(TimeSpan.FromHours(8), options.ExpireTimeSpan);
    }

    [Fact]
    public void Configure_InDevelopment_CookieFollowsTheRequest() =>
        Assert.Equal(CookieSecurePolicy.SameAsRequest, Options(isDevelopment: true).Cookie.SecurePolicy);

    [Fact]
    public void FromConfiguration_Defaults_AreEightHoursSlidingAndTwelveAbsolute()
    {
        var settings = SessionSettings.FromConfiguration(new ConfigurationBuilder().Build());

        Assert.Equal(Session, settings);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.RevalidateInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.DirectoryCacheDuration);
    }

    [Fact]
    public void FromConfiguration_RevalidateSeconds_SetsTheCircuitInterval()
    {
        var settings = SessionSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["Authentication:Session:RevalidateSeconds"] = "15", ["Authentication:Session:DirectoryCacheSeconds"] = "5" }).Build());

        Assert.Equal(TimeSpan.FromSeconds(15), settings.RevalidateInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.DirectoryCacheDuration);
    }
}
