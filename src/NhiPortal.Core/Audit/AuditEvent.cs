namespace NhiPortal.Core.Audit;

/// <summary>Identity and credential events are separate streams, as are the two lifecycles they record.</summary>
public enum AuditStream
{
    Identity,
    Credential,
    Review,
    Access,
}

/// <summary>One append-only row: written in the same transaction as the change it records, never updated.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }

    public required AuditStream Stream { get; set; }

    public required string Type { get; set; }

    public required DateTime OccurredUtc { get; set; }

    /// <summary>A staff subject, or <c>system:&lt;job&gt;</c>.</summary>
    public required string Actor { get; set; }

    /// <summary>For a system actor: whom it acted for ("campaign \"Q4\", decided by Riley Reviewer").</summary>
    public string? OnBehalfOf { get; set; }

    public required string TargetType { get; set; }

    public string? TargetId { get; set; }

    public string? BeforeJson { get; set; }

    public string? AfterJson { get; set; }

    /// <summary>Ties together the rows of one revocation run, campaign or import.</summary>
    public string? CorrelationId { get; set; }

    public string? Summary { get; set; }

    /// <summary>
    /// Hex HMAC-SHA-256 of the content (<see cref="AuditChain.EventContent"/>) with the chain key, set by the portal when
    /// it creates the row: a row inserted or edited in the database has none or a wrong one, and is never sealed.
    /// Null on events written before the chain was keyed.
    /// </summary>
    public string? Mac { get; set; }
}

/// <summary>Event type names, one list per stream, so that a report can rely on them.</summary>
public static class AuditEventTypes
{
    public static class Identity
    {
        public const string Created = "IdentityCreated";
        public const string OwnerChanged = "OwnerChanged";
        public const string TeamChanged = "TeamChanged";
        public const string EntitlementsChanged = "EntitlementsChanged";
        public const string Disabled = "IdentityDisabled";
        public const string Decommissioned = "IdentityDecommissioned";
        public const string Reenabled = "IdentityReenabled";
        public const string AttestationReminderSent = "AttestationReminderSent";
        public const string TeamCreated = "TeamCreated";
        public const string TeamRenamed = "TeamRenamed";
        public const string TeamLeadChanged = "TeamLeadChanged";
        public const string TeamDissolved = "TeamDissolved";
        public const string Attested = "IdentityAttested";
        public const string Orphaned = "IdentityOrphaned";
        public const string Imported = "IdentityImported";
        public const string Updated = "IdentityUpdated";
        public const string Discovered = "IdentityDiscovered";
        public const string ObservedChanged = "IdentityObservedChanged";
        public const string GoneFromSource = "IdentityGoneFromSource";
        public const string OwnerConfirmed = "DiscoveredOwnerConfirmed";
        public const string EndDateChanged = "IdentityEndDateChanged";
        public const string EndDateReminderSent = "IdentityEndDateReminderSent";
        public const string EndDateReached = "IdentityEndDateReached";
    }

    public static class Credential
    {
        public const string Issued = "CredentialIssued";
        public const string Imported = "CredentialImported";
        public const string Updated = "CredentialUpdated";
        public const string Rotated = "CredentialRotated";
        public const string Expired = "CredentialExpired";
        public const string RevokeRequested = "RevokeRequested";
        public const string Revoked = "CredentialRevoked";
        public const string RevokeFailed = "RevokeFailed";
        public const string ProbeResult = "ProbeResult";
        public const string ExpiryReminderSent = "ExpiryReminderSent";
        public const string RotationFailed = "RotationFailed";
        public const string Discovered = "CredentialDiscovered";
        public const string ObservedChanged = "CredentialObservedChanged";
        public const string GoneFromSource = "CredentialGoneFromSource";
        public const string ReappearedEnabled = "RevokedCredentialReappeared";
        public const string AnomalyFlagged = "AnomalyFlagged";
        public const string AnomalyAcknowledged = "AnomalyAcknowledged";
        public const string AnomalyFalsePositive = "AnomalyFalsePositive";
        public const string AnomalyRevoked = "AnomalyRevoked";
        public const string LeakReported = "LeakReported";
    }

    public static class Review
    {
        public const string CampaignCreated = "CampaignCreated";
        public const string CampaignStarted = "CampaignStarted";
        public const string CampaignClosed = "CampaignClosed";
        public const string StageEnded = "CampaignStageEnded";
        public const string StageStarted = "CampaignStageStarted";
        public const string WorkItemOpened = "ReviewWorkItemOpened";
        public const string WorkItemClosed = "ReviewWorkItemClosed";
        public const string ItemDecided = "ReviewItemDecided";
        public const string ItemDelegated = "ReviewItemDelegated";
        public const string ItemEscalated = "ReviewItemEscalated";
        public const string ReminderSent = "ReviewReminderSent";
        public const string ItemNoResponse = "ReviewItemNoResponse";
        public const string ItemRemediated = "ReviewItemRemediated";
    }

    public static class Access
    {
        public const string SignedIn = "SignedIn";
        public const string SignedOut = "SignedOut";
        public const string Refused = "AccessRefused";
        public const string ExportGenerated = "ExportGenerated";
        public const string PolicyChanged = "PolicyChanged";
        public const string StaffMemberJoined = "StaffMemberJoined";
        public const string StaffMemberLeft = "StaffMemberLeft";
        public const string StaffMemberImported = "StaffMemberImported";
        public const string StaffManagerChanged = "StaffManagerChanged";
        public const string ApprovalRequested = "ApprovalRequested";
        public const string ApprovalGranted = "ApprovalGranted";
        public const string ApprovalRejected = "ApprovalRejected";
        public const string ApprovalFailed = "ApprovalFailed";
        public const string RoleMapChanged = "RoleMapChanged";
        public const string IdentityRequested = "IdentityRequested";
        public const string IdentityRequestApproved = "IdentityRequestApproved";
        public const string IdentityRequestRejected = "IdentityRequestRejected";
        public const string ImportApplied = "ImportApplied";
        public const string RevocationRetried = "RevocationRetried";
        public const string ChainVerified = "AuditChainVerified";
        public const string RevocationInterrupted = "RevocationInterrupted";
        public const string FollowUpRetried = "FollowUpRetried";
        public const string SyncRequested = "DiscoverySyncRequested";
        public const string SyncCompleted = "DiscoverySyncCompleted";
        public const string SyncFailed = "DiscoverySyncFailed";
        public const string SourceConflictResolved = "SourceConflictResolved";

        /// <summary>A leak whose fingerprint matches no credential: there is no credential stream to write it on.</summary>
        public const string UnmatchedLeakReported = "UnmatchedLeakReported";
        public const string FeedDestinationChanged = "FeedDestinationChanged";
        public const string FeedReplayRequested = "FeedReplayRequested";
    }
}
