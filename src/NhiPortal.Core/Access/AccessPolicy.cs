namespace NhiPortal.Core.Access;

/// <summary>The authoritative role matrix (DESIGN.md); services enforce it, navigation mirrors it.</summary>
public static class AccessPolicy
{
    public static AccessScope ScopeFor(PortalRole role, Capability capability) => capability switch
    {
        Capability.ViewInventory => role == PortalRole.Reviewer ? AccessScope.OwnIdentities : AccessScope.Everything,
        Capability.ManageOwnership or Capability.Import or Capability.ManageCampaigns or Capability.Revoke or Capability.OperateBackgroundWork
            or Capability.RunDiscovery or Capability.TriageAnomalies or Capability.ReportLeaks =>
            role is PortalRole.Administrator or PortalRole.SecurityOperator ? AccessScope.Everything : AccessScope.None,
        Capability.AttestOwnIdentities or Capability.RequestIdentities =>
            role == PortalRole.Auditor ? AccessScope.None : AccessScope.OwnIdentities,
        // Review items are decided by whoever they are assigned to, whatever the role, but never by an auditor.
        Capability.DecideReviewItems => role == PortalRole.Auditor ? AccessScope.None : AccessScope.OwnIdentities,
        Capability.ManagePolicy => role == PortalRole.Administrator ? AccessScope.Everything : AccessScope.None,
        Capability.ManageFeed => role == PortalRole.Administrator ? AccessScope.Everything : AccessScope.None,
        Capability.OverseeOrganisation => role == PortalRole.Reviewer ? AccessScope.None : AccessScope.Everything,
        // Each person's own inbox; a person with no role holds no capability at all, so sees none of it.
        Capability.ReceiveNotifications => AccessScope.OwnIdentities,
        Capability.ViewAudit or Capability.Export =>
            role == PortalRole.Reviewer ? AccessScope.OwnIdentities : AccessScope.Everything,
    };

    /// <summary>The widest scope any of the caller's roles gives.</summary>
    public static AccessScope ScopeFor(IEnumerable<PortalRole> roles, Capability capability) =>
        roles.Select(r => ScopeFor(r, capability)).DefaultIfEmpty(AccessScope.None).Max();

    public static IReadOnlyList<PortalRole> RolesWith(Capability capability) =>
        Enum.GetValues<PortalRole>().Where(r => ScopeFor(r, capability) != AccessScope.None).ToArray();
}
