using NhiPortal.Core.Access;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Web.DevIdentityProvider;

/// <summary>
/// One demo automation client per portal role, for the API: client credentials at the development provider, each an
/// NHI in the demo inventory owned by the demo administrator, so API calls are audited under its name.
/// </summary>
public static class DevAutomationClients
{
    public static readonly IReadOnlyList<(string ClientId, PortalRole Role)> All =
    [
        ("nhi-automation-admin", PortalRole.Administrator),
        ("nhi-automation-operator", PortalRole.SecurityOperator),
        ("nhi-automation-auditor", PortalRole.Auditor),
        ("nhi-automation-reviewer", PortalRole.Reviewer),
    ];

    public static PortalRole? RoleOf(string? clientId) => All.FirstOrDefault(c => c.ClientId == clientId) is { ClientId: not null } found ? found.Role : null;

    /// <summary>The demo administrator owns them (the demo organisation's first account).</summary>
    public static string OwnerSubject => SyntheticOrganisation.DemoAccounts[0].Subject;
}
