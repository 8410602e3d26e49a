using Microsoft.AspNetCore.Authorization;
using NhiPortal.Core.Access;

namespace NhiPortal.Web.Auth;

/// <summary>One authorization policy per capability, built from the role matrix so pages and services agree.</summary>
public static class Policies
{
    public const string ViewInventory = nameof(Capability.ViewInventory);
    public const string ViewAudit = nameof(Capability.ViewAudit);
    public const string ManagePolicy = nameof(Capability.ManagePolicy);
    public const string ManageOwnership = nameof(Capability.ManageOwnership);
    public const string Revoke = nameof(Capability.Revoke);
    public const string AttestOwnIdentities = nameof(Capability.AttestOwnIdentities);
    public const string Import = nameof(Capability.Import);
    public const string Export = nameof(Capability.Export);
    public const string DecideReviewItems = nameof(Capability.DecideReviewItems);
    public const string ManageCampaigns = nameof(Capability.ManageCampaigns);
    public const string OperateBackgroundWork = nameof(Capability.OperateBackgroundWork);
    public const string OverseeOrganisation = nameof(Capability.OverseeOrganisation);
    public const string RunDiscovery = nameof(Capability.RunDiscovery);
    public const string TriageAnomalies = nameof(Capability.TriageAnomalies);
    public const string ReportLeaks = nameof(Capability.ReportLeaks);
    public const string ManageFeed = nameof(Capability.ManageFeed);
    public const string RequestIdentities = nameof(Capability.RequestIdentities);

    /// <summary>Signed in and holding at least one portal role.</summary>
    public const string PortalUser = "PortalUser";

    public static void AddNhiPolicies(this AuthorizationOptions options)
    {
        foreach (var capability in Enum.GetValues<Capability>())
        {
            var roles = AccessPolicy.RolesWith(capability).Select(r => r.ToString()).ToArray();
            options.AddPolicy(capability.ToString(), p => p.RequireAuthenticatedUser().RequireRole(roles));
        }
        options.AddPolicy(PortalUser, p => p.RequireAuthenticatedUser().RequireRole(Enum.GetNames<PortalRole>()));
        // Everything not marked otherwise needs a signed-in user; an anonymous request goes to the IdP.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
