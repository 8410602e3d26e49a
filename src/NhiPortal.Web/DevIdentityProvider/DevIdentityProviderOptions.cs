namespace NhiPortal.Web.DevIdentityProvider;

/// <summary>The development provider's issuer, secrets and realm, resolved once at start-up.</summary>
public sealed record DevIdentityProviderOptions(string Issuer, string ClientSecret, string DemoPassword, string ConnectorSecret, string DemoBotSecret, string Realm = DevIdentityProviderSetup.DefaultRealm)
{
    /// <summary>The demo automation clients' secret (<c>DevIdentityProvider:AutomationSecret</c>, random when not set).</summary>
    public string AutomationSecret { get; init; } = "";

    /// <summary>Where this start's random automation secret was written (null when it was configured).</summary>
    public string? AutomationSecretFile { get; init; }

    /// <summary>The audience the API expects, put in the automation clients' access tokens.</summary>
    public string ApiAudience { get; init; } = "nhiportal-api";

    /// <summary>
    /// Origins besides the issuer's own where the portal is reached (<c>DevIdentityProvider:PortalOrigins</c>: a reverse
    /// proxy in front of several instances, as the scale-out test runs it); sign-in may return there.
    /// </summary>
    public IReadOnlyList<Uri> PortalOrigins { get; init; } = [];
}
