using NhiPortal.Core.Access;

namespace NhiPortal.Web.Auth;

/// <summary><c>Authentication:Oidc</c>: everything needed to sign staff in through any standards-compliant IdP.</summary>
public sealed record OidcSettings
{
    public const string Section = "Authentication:Oidc";

    public string? Authority { get; init; }
    public string? ClientId { get; init; }
    public string? ClientSecret { get; init; }
    public IReadOnlyList<string> Scopes { get; init; } = [];
    public bool RequireHttpsMetadata { get; init; } = true;
    public string RoleClaimType { get; init; } = "roles";
    public bool GetClaimsFromUserInfoEndpoint { get; init; }

    /// <summary>Take the <c>email</c> claim even without <c>email_verified=true</c>: only for an IdP that sends verified addresses alone.</summary>
    public bool TrustUnverifiedEmail { get; init; }

    /// <summary>A <c>roles</c> value spelled exactly like a portal role grants it without a RoleMap entry.</summary>
    public bool AcceptRoleNamesAsIs { get; init; }
    public required RoleMap RoleMap { get; init; }

    /// <summary>True when the portal's own development identity provider stands in for the organisation's.</summary>
    public bool IsDevelopmentProvider { get; init; }

    public static OidcSettings FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var roleClaimType = NullIfBlank(section["RoleClaimType"]) ?? "roles";
        var acceptRoleNamesAsIs = section.GetValue("AcceptRoleNamesAsIs", false);
        return new OidcSettings
        {
            Authority = NullIfBlank(section["Authority"]),
            ClientId = NullIfBlank(section["ClientId"]),
            ClientSecret = NullIfBlank(section["ClientSecret"]),
            // Accept "a b c", "a,b,c" or an array (Scopes:0, Scopes:1...).
            Scopes = (section["Scopes"] is { } flat
                    ? flat.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : section.GetSection("Scopes").GetChildren().Select(c => c.Value ?? ""))
                .Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToArray(),
            RequireHttpsMetadata = section.GetValue("RequireHttpsMetadata", true),
            RoleClaimType = roleClaimType,
            AcceptRoleNamesAsIs = acceptRoleNamesAsIs,
            GetClaimsFromUserInfoEndpoint = section.GetValue("GetClaimsFromUserInfoEndpoint", false),
            TrustUnverifiedEmail = section.GetValue("TrustUnverifiedEmail", false),
            RoleMap = new RoleMap(section.GetSection("RoleMap").GetChildren()
                    .Select(c => KeyValuePair.Create(c.Key, c.Value ?? "")),
                // Only app roles can be trusted to carry a role's exact name; a group could be named anything.
                acceptRoleNamesAsIs && roleClaimType == "roles"),
        };
    }

    /// <summary>Fails fast, at start-up, on a configuration that could only fail at the first sign-in.</summary>
    public void Validate()
    {
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority))
        {
            throw new InvalidOperationException($"{Section}:Authority must be an absolute URL (the IdP's issuer).");
        }
        if (ClientId is null)
        {
            throw new InvalidOperationException($"{Section}:ClientId is required.");
        }
        if (authority.Scheme == Uri.UriSchemeHttp && RequireHttpsMetadata)
        {
            throw new InvalidOperationException(
                $"{Section}:Authority is http; set {Section}:RequireHttpsMetadata=false, and only for a loopback IdP.");
        }
        if (AcceptRoleNamesAsIs && RoleClaimType != "roles")
        {
            throw new InvalidOperationException(
                $"{Section}:AcceptRoleNamesAsIs applies only with {Section}:RoleClaimType=roles; map '{RoleClaimType}' values in {Section}:RoleMap.");
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
