namespace NhiPortal.Core.Access;

/// <summary>The four portal roles of the design's role matrix.</summary>
public enum PortalRole
{
    Administrator,
    SecurityOperator,
    Reviewer,
    Auditor,
}

/// <summary>What a caller may do; each page and each service call demands one.</summary>
public enum Capability
{
    ViewInventory,
    ManageOwnership,
    Import,
    AttestOwnIdentities,
    ManageCampaigns,
    DecideReviewItems,
    Revoke,
    ManagePolicy,
    ViewAudit,
    Export,

    /// <summary>See the background work (follow-ups, jobs, their errors) and retry what failed.</summary>
    OperateBackgroundWork,

    /// <summary>Read organisation-wide history: every campaign and its progress, every revocation run, the reports.</summary>
    OverseeOrganisation,

    /// <summary>Read one's own notifications (reminders, review assignments): every role, never a person without one.</summary>
    ReceiveNotifications,

    /// <summary>Sync a discovery source now, confirm proposed owners of discovered identities, resolve source conflicts.</summary>
    RunDiscovery,

    /// <summary>Acknowledge an anomaly flag or mark it a false positive (which tunes that credential's baseline).</summary>
    TriageAnomalies,

    /// <summary>Report a leaked secret (a scanner's alert, through the API's operator client); the portal may then revoke it by policy.</summary>
    ReportLeaks,
    /// <summary>Add, change, enable, disable and replay the SIEM feed's destinations.</summary>
    ManageFeed,

    /// <summary>Ask for a new NHI (its lead or an operator approves it) and move one's own NHIs' planned end.</summary>
    RequestIdentities,
}

/// <summary>How much of the inventory a capability reaches for a caller.</summary>
public enum AccessScope
{
    None,
    OwnIdentities,
    Everything,
}
