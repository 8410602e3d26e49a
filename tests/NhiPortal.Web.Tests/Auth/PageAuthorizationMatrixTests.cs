using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Access;
using NhiPortal.Web.Auth;

namespace NhiPortal.Web.Tests.Auth;

/// <summary>
/// Every routable page (found by reflection, so a new page cannot be forgotten) against the role matrix: for the four
/// roles, a signed-in person with no role and an anonymous visitor, the page's own [Authorize] data, evaluated by the
/// portal's real policies the way the router does, admits exactly whom the matrix says.
/// </summary>
public class PageAuthorizationMatrixTests
{
    private const string AnyRole = "any portal role";
    private const string SignedIn = "signed in, role or not";
    private const string Anyone = "anyone";

    /// <summary>What each page needs, by route: a capability of the matrix, or one of the three audiences above.</summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["/"] = nameof(Capability.ViewInventory),
        ["/identities"] = nameof(Capability.ViewInventory),
        ["/identities/{Id:guid}"] = nameof(Capability.ViewInventory),
        ["/credentials"] = nameof(Capability.ViewInventory),
        ["/orphans"] = nameof(Capability.ViewInventory),
        ["/staff"] = nameof(Capability.ViewInventory),
        ["/teams"] = nameof(Capability.ViewInventory),
        ["/follow-ups"] = nameof(Capability.ViewInventory),
        ["/my-identities"] = nameof(Capability.ViewInventory),
        ["/hygiene/policy"] = nameof(Capability.ViewInventory),
        ["/anomalies"] = nameof(Capability.ViewInventory),
        ["/import"] = nameof(Capability.Import),
        ["/audit"] = nameof(Capability.ViewAudit),
        ["/revocations"] = nameof(Capability.OverseeOrganisation),
        ["/revocations/{Id:guid}"] = nameof(Capability.OverseeOrganisation),
        ["/reviews"] = nameof(Capability.OverseeOrganisation),
        ["/leaks"] = nameof(Capability.OverseeOrganisation),
        ["/approvals"] = nameof(Capability.OverseeOrganisation),
        ["/reviews/{Id:guid}"] = nameof(Capability.OverseeOrganisation),
        ["/my-reviews"] = nameof(Capability.DecideReviewItems),
        ["/reports"] = nameof(Capability.Export),
        ["/background-work"] = nameof(Capability.OperateBackgroundWork),
        ["/sources"] = nameof(Capability.OverseeOrganisation),
        ["/administration/sign-in"] = nameof(Capability.ManagePolicy),
        ["/feed"] = nameof(Capability.ManageFeed),
        ["/requests"] = nameof(Capability.RequestIdentities),
        ["/notifications"] = AnyRole,
        ["/no-access"] = SignedIn,
        ["/error"] = Anyone,
        ["/not-found"] = Anyone,
        ["/sign-in-failed"] = Anyone,
        ["/signed-out"] = Anyone,
        ["/left-organisation"] = Anyone,
    };

    private static readonly (string Name, ClaimsPrincipal User)[] People =
    [
        .. Enum.GetValues<PortalRole>().Select(r => (r.ToString(), Person(r))),
        ("no role", Person()),
        ("anonymous", new ClaimsPrincipal(new ClaimsIdentity())),
    ];

    private static ClaimsPrincipal Person(params PortalRole[] roles)
    {
        var claims = new List<Claim> { new(PortalClaims.Subject, "sub-matrix"), new(PortalClaims.Name, "Matrix") };
        claims.AddRange(roles.Select(r => new Claim(PortalClaims.Role, r.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, PortalClaims.AuthenticationType, PortalClaims.Name, PortalClaims.Role));
    }

    private static IEnumerable<(string Route, Type Page)> RoutablePages() =>
        typeof(Policies).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (r.Template, t)));

    [Fact]
    public void EveryRoutablePage_IsInTheMatrix_AndTheMatrixHasNoStaleRoute()
    {
        var routes = RoutablePages().Select(p => p.Route).Order(StringComparer.Ordinal).ToList();

        Assert.True(routes.Count >= 20, string.Join(", ", routes));
        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), routes);
    }

    [Fact]
    public async Task EveryRoutablePage_AdmitsExactlyWhomTheRoleMatrixSays()
    {
        var services = new ServiceCollection().AddLogging().AddAuthorizationCore(o => o.AddNhiPolicies()).BuildServiceProvider();
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var authorization = services.GetRequiredService<IAuthorizationService>();
        var wrong = new List<string>();
        foreach (var (route, page) in RoutablePages())
        {
            var expected = Admitted(Expected.GetValueOrDefault(route, "(missing)"));
            var anonymousAllowed = page.GetCustomAttributes().OfType<IAllowAnonymous>().Any();
            // As the router and endpoint routing do: the page's [Authorize] data combined, or the fallback policy.
            var policy = await AuthorizationPolicy.CombineAsync(policies, page.GetCustomAttributes().OfType<IAuthorizeData>())
                ?? await policies.GetFallbackPolicyAsync();
            foreach (var (name, user) in People)
            {
                var admitted = anonymousAllowed || policy is null || (await authorization.AuthorizeAsync(user, null, policy)).Succeeded;
                if (admitted != expected.Contains(name))
                {
                    wrong.Add($"{route} ({page.Name}): {name} {(admitted ? "is admitted but should not be" : "is refused but should be admitted")}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static HashSet<string> Admitted(string need) => need switch
    {
        Anyone => People.Select(p => p.Name).ToHashSet(),
        SignedIn => People.Select(p => p.Name).Where(n => n != "anonymous").ToHashSet(),
        AnyRole => Enum.GetNames<PortalRole>().ToHashSet(),
        _ when Enum.TryParse<Capability>(need, out var capability) => AccessPolicy.RolesWith(capability).Select(r => r.ToString()).ToHashSet(),
        _ => [],
    };
}
