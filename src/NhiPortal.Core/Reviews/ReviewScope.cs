namespace NhiPortal.Core.Reviews;

/// <summary>Which NHIs a campaign covers; frozen into items when it starts.</summary>
public enum ReviewScope
{
    AllIdentities,
    Team,
    Environment,
    Grade,
    /// <summary>Shared, break-glass and vendor-managed accounts: shorter windows by default.</summary>
    HighRisk,
    /// <summary>The NHIs a leaver owned (opened automatically when someone is marked as left).</summary>
    OwnerDeparture,
}
