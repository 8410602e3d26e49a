using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using NhiPortal.Core.Access;
using NhiPortal.Web.Auth;

namespace NhiPortal.Web.Tests.Auth;

public class PortalClaimsTests
{
    private static OidcSettings Settings(string roleClaim, params (string Key, string Value)[] map) => Settings(roleClaim, false, map);

    private static OidcSettings Settings(string roleClaim, bool acceptRoleNamesAsIs, params (string Key, string Value)[] map) =>
        OidcSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?>
                {
                    ["Authentication:Oidc:RoleClaimType"] = roleClaim,
                    ["Authentication:Oidc:AcceptRoleNamesAsIs"] = acceptRoleNamesAsIs ? "true" : "false",
                }
                .Concat(map.Select(m => KeyValuePair.Create($"Authentication:Oidc:RoleMap:{m.Key}", (string?)m.Value)))).Build());

    private static ClaimsPrincipal Idp(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "oidc"));

    [Fact]
    public void FromIdentityProvider_GroupsClaim_MapsThroughRoleMap()
    {
        var settings = Settings("groups", ("a1b2-ops", "SecurityOperator"));
        var idp = Idp(("sub", "00u1"), ("name", "Sam"), ("groups", "a1b2-ops"), ("groups", "everyone"), ("roles", "Administrator"));

        var user = PortalClaims.ToPortalUser(PortalClaims.FromIdentityProvider(idp, settings));

        Assert.Equal("00u1", user.Subject);
        Assert.Equal(new HashSet<PortalRole> { PortalRole.SecurityOperator }, user.Roles);
    }

    [Fact]
    public void FromIdentityProvider_NoNameClaim_FallsBackToPreferredUsername()
    {
        var idp = Idp(("sub", "kc-1"), ("preferred_username", "jdoe"), ("roles", "Auditor"));

        var principal = PortalClaims.FromIdentityProvider(idp, Settings("roles", acceptRoleNamesAsIs: true));

        Assert.Equal("jdoe", principal.Identity!.Name);
        Assert.True(principal.IsInRole("Auditor"));
    }

    [Fact]
    public void FromIdentityProvider_RoleNameWithoutEntry_GrantsNothing_UnlessAcceptedAsIs_AndIsReportedUnmapped()
    {
        var idp = Idp(("sub", "kc-2"), ("roles", "Administrator"), ("roles", "Reviewer,SecurityOperator"));
        var unmapped = new List<string>();

        var user = PortalClaims.ToPortalUser(PortalClaims.FromIdentityProvider(idp, Settings("roles"), unmapped));

        Assert.Empty(user.Roles);
        Assert.Equal(["Administrator", "Reviewer,SecurityOperator"], unmapped);
    }

    [Fact]
    public void FromIdentityProvider_GroupsClaim_NeverAcceptsRoleNamesAsIs()
    {
        var idp = Idp(("sub", "00u2"), ("groups", "Administrator"));

        var user = PortalClaims.ToPortalUser(PortalClaims.FromIdentityProvider(idp, Settings("groups", acceptRoleNamesAsIs: true)));

        Assert.Empty(user.Roles);
    }

    [Fact]
    public void ToPortalUser_SessionRoleClaimThatIsANumberOrAList_GrantsNothing()
    {
        var session = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(PortalClaims.Subject, "s"), new Claim(PortalClaims.Role, "1"), new Claim(PortalClaims.Role, "Reviewer,Auditor")],
            PortalClaims.AuthenticationType));

        Assert.Empty(PortalClaims.ToPortalUser(session).Roles);
    }

    [Fact]
    public void FromIdentityProvider_NoSubject_IsRejected() =>
        Assert.Throws<InvalidOperationException>(() => PortalClaims.FromIdentityProvider(Idp(("name", "x")), Settings("roles")));

    [Fact]
    public void ToPortalUser_Anonymous_IsAnonymous() =>
        Assert.False(PortalClaims.ToPortalUser(new ClaimsPrincipal(new ClaimsIdentity())).IsAuthenticated);

    private static OidcSettings Oidc(params (string Key, string Value)[] values) =>
        OidcSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(
            values.Select(v => KeyValuePair.Create($"Authentication:Oidc:{v.Key}", (string?)v.Value))).Build());

    // Imports match owners by staff email: an address the IdP has not verified (or a upn that merely looks like one)
    // must never become the person's email.
    [Theory]
    [InlineData("true", "jo@example.org")]
    [InlineData("True", "jo@example.org")]
    [InlineData("false", null)]
    [InlineData(null, null)]
    public void FromIdentityProvider_EmailClaim_IsKeptOnlyWhenVerified(string? verified, string? expected)
    {
        var claims = new List<(string, string)> { ("sub", "u1"), ("email", "jo@example.org") };
        if (verified is not null)
        {
            claims.Add(("email_verified", verified));
        }

        var user = PortalClaims.ToPortalUser(PortalClaims.FromIdentityProvider(Idp([.. claims]), Oidc()));

        Assert.Equal(expected, user.Email);
    }

    [Fact]
    public void FromIdentityProvider_UpnOrPreferredUsername_NeverBecomesTheEmail()
    {
        var idp = Idp(("sub", "u2"), ("upn", "boss@example.org"), ("preferred_username", "ceo@example.org"), ("email_verified", "true"));

        var user = PortalClaims.ToPortalUser(PortalClaims.FromIdentityProvider(idp, Oidc()));

        Assert.Null(user.Email);
    }

    [Fact]
    public void FromConfiguration_TrustUnverifiedEmail_IsOffByDefault() => Assert.False(Oidc().TrustUnverifiedEmail);

    [Fact]
    public void FromIdentityProvider_UnverifiedEmail_IsKeptWhenTheIdpIsTrustedForEmail()
    {
        var idp = Idp(("sub", "u3"), ("email", "jo@example.org"), ("upn", "other@example.org"));

        var user = PortalClaims.ToPortalUser(PortalClaims.FromIdentityProvider(idp, Oidc(("TrustUnverifiedEmail", "true"))));

        Assert.Equal("jo@example.org", user.Email);
    }
}

public class OidcSettingsTests
{
    private static OidcSettings From(params (string Key, string Value)[] values) =>
        OidcSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(
            values.Select(v => KeyValuePair.Create($"Authentication:Oidc:{v.Key}", (string?)v.Value))).Build());

    [Fact]
    public void FromConfiguration_ScopesAsOneString_SplitsOnSpacesAndCommas()
    {
        var settings = From(("Scopes", "offline_access groups, api://nhi/.default"));

        Assert.Equal(["offline_access", "groups", "api://nhi/.default"], settings.Scopes);
        Assert.True(settings.RequireHttpsMetadata);
    }

    [Fact]
    public void Validate_HttpAuthorityWithHttpsMetadataRequired_FailsAndSaysWhatToSet()
    {
        var settings = From(("Authority", "http://idp.example.org/realms/x"), ("ClientId", "nhi"));

        var ex = Assert.Throws<InvalidOperationException>(settings.Validate);

        Assert.Contains("RequireHttpsMetadata=false", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoClientId_Fails() =>
        Assert.Throws<InvalidOperationException>(From(("Authority", "https://login.example.org/")).Validate);

    [Fact]
    public void Validate_RoleNamesAsIsWithAGroupsClaim_FailsAndSaysWhy()
    {
        var settings = From(("Authority", "https://login.example.org/"), ("ClientId", "nhi"), ("RoleClaimType", "groups"), ("AcceptRoleNamesAsIs", "true"));

        var ex = Assert.Throws<InvalidOperationException>(settings.Validate);

        Assert.Contains("RoleClaimType=roles", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CompleteHttpsConfiguration_Passes() =>
        From(("Authority", "https://login.example.org/"), ("ClientId", "nhi")).Validate();
}
