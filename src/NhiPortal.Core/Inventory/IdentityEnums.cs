namespace NhiPortal.Core.Inventory;

public enum IdentityKind
{
    ServiceAccount,
    Workload,
    ApiClient,
    CiCdIntegration,
    Bot,
    VendorIntegration,
}

public enum DeploymentEnvironment
{
    Production,
    Staging,
    Development,
}

/// <summary>Joiner → mover → leaver: Active, then Disabled, then Decommissioned.</summary>
public enum IdentityLifecycleState
{
    Active,
    Disabled,
    Decommissioned,
}

public enum PrivilegeLevel
{
    Low,
    Medium,
    High,
    Critical,
}
