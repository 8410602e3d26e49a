using System.Security.Claims;
using NhiPortal.Core.Access;

namespace NhiPortal.Web.Auth;

/// <summary>The claims of the portal's own session, independent of how the IdP names them.</summary>
public static class PortalClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Email = "email";
    public const string Role = "nhi_role";
    public const string AuthenticationType = "nhiportal";

    /// <summary>
    /// Builds the session principal from the IdP's claims, with IdP role values mapped to portal roles; values that
    /// grant no role are added to <paramref name="unmapped"/>. <paramref name="roleMap"/>: the map in force (one saved in
    /// the portal), else the configuration's.
    /// </summary>
    public static ClaimsPrincipal FromIdentityProvider(ClaimsPrincipal idp, OidcSettings settings, ICollection<string>? unmapped = null, RoleMap? roleMap = null)
    {
        var subject = idp.FindFirst("sub")?.Value
            ?? throw new InvalidOperationException("The identity provider sent no 'sub' claim.");
        var name = First(idp, "name", "preferred_username", "email", "upn") ?? subject;
        var email = VerifiedEmail(idp, settings);
        var roles = (roleMap ?? settings.RoleMap).Map(idp.FindAll(settings.RoleClaimType).Select(c => c.Value), unmapped);
        var claims = new List<Claim> { new(Subject, subject), new(Name, name) };
        if (email is not null && email.Contains('@', StringComparison.Ordinal))
        {
            claims.Add(new Claim(Email, email));
        }
        claims.AddRange(roles.Order().Select(r => new Claim(Role, r.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType, Name, Role));
    }

    public static PortalUser ToPortalUser(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirst(Subject) is not { } subject)
        {
            return PortalUser.Anonymous;
        }
        var roles = principal.FindAll(Role)
            .Select(c => PortalRoleNames.TryParse(c.Value, ignoreCase: false, out var r) ? r : (PortalRole?)null)
            .OfType<PortalRole>().ToHashSet();
        // Only the API's own principal (built after the client's standing was judged) may act for an owner.
        var actsFor = principal.Identity.AuthenticationType == Api.ApiClaims.AuthenticationType && subject.Value.StartsWith("client:", StringComparison.Ordinal)
            ? principal.FindFirst(Api.ApiClaims.ActsFor)?.Value : null;
        return new PortalUser(subject.Value, principal.FindFirst(Name)?.Value ?? subject.Value,
            principal.FindFirst(Email)?.Value, roles) { ActsForSubject = actsFor };
    }

    /// <summary>
    /// The <c>email</c> claim when the IdP says it verified it (or is trusted to send only verified addresses). Never a
    /// upn or preferred_username: they look like addresses but nobody proved the person receives mail there, and
    /// imports match owners by email.
    /// </summary>
    private static string? VerifiedEmail(ClaimsPrincipal idp, OidcSettings settings)
    {
        var email = idp.FindFirst("email")?.Value;
        var verified = bool.TryParse(idp.FindFirst("email_verified")?.Value, out var v) && v;
        return string.IsNullOrWhiteSpace(email) || !(verified || settings.TrustUnverifiedEmail) ? null : email.Trim();
    }

    private static string? First(ClaimsPrincipal principal, params string[] types) =>
        types.Select(t => principal.FindFirst(t)?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
