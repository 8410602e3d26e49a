using NhiPortal.Core.Audit;

namespace NhiPortal.Core.Feed;

/// <summary>
/// Maps each stream and type to OCSF: the access stream's sign-ins to Authentication (3002), identities and credentials
/// to Account Change (3001), the rest to Entity Management (3004). A type not named here keeps its class with activity
/// 99 (Other), so a new type still goes out.
/// </summary>
public static class FeedClassification
{
    private const string Other = "Other";

    public static FeedClass Classify(AuditStream stream, string type) => stream switch
    {
        AuditStream.Access => Access(type),
        AuditStream.Identity => Identity(type),
        AuditStream.Credential => Credential(type),
        AuditStream.Review => Review(type),
    };

    /// <summary>A chain head is a fact about the log itself: Entity Management, activity Other.</summary>
    public static FeedClass Head { get; } = Entity(99, Other);

    private static FeedClass Access(string type) => type switch
    {
        AuditEventTypes.Access.SignedIn => new(FeedClass.Authentication, "Authentication", 1, "Logon", FeedSeverity.Informational, false),
        AuditEventTypes.Access.SignedOut => new(FeedClass.Authentication, "Authentication", 2, "Logoff", FeedSeverity.Informational, false),
        AuditEventTypes.Access.Refused => new(FeedClass.Authentication, "Authentication", 1, "Logon", FeedSeverity.Medium, true),
        AuditEventTypes.Access.StaffMemberJoined or AuditEventTypes.Access.StaffMemberImported => Entity(1, "Create"),
        AuditEventTypes.Access.StaffMemberLeft => Entity(4, "Delete"),
        AuditEventTypes.Access.StaffManagerChanged => Entity(3, "Update"),
        AuditEventTypes.Access.ExportGenerated or AuditEventTypes.Access.ChainVerified => Entity(2, "Read"),
        AuditEventTypes.Access.PolicyChanged or AuditEventTypes.Access.RoleMapChanged or AuditEventTypes.Access.FeedDestinationChanged or AuditEventTypes.Access.FeedReplayRequested
            => Entity(3, "Update", FeedSeverity.Low),
        AuditEventTypes.Access.SyncFailed => Entity(99, Other, FeedSeverity.Low, failed: true),
        _ => Entity(99, Other),
    };

    private static FeedClass Identity(string type) => type switch
    {
        AuditEventTypes.Identity.Created or AuditEventTypes.Identity.Imported or AuditEventTypes.Identity.Discovered => Account(1, "Create"),
        AuditEventTypes.Identity.Reenabled => Account(2, "Enable", FeedSeverity.Low),
        AuditEventTypes.Identity.Disabled => Account(5, "Disable", FeedSeverity.Low),
        AuditEventTypes.Identity.Decommissioned or AuditEventTypes.Identity.GoneFromSource => Account(6, "Delete", FeedSeverity.Low),
        AuditEventTypes.Identity.EntitlementsChanged => Account(7, "Attach Policy", FeedSeverity.Low),
        AuditEventTypes.Identity.EndDateReached => Account(99, Other, FeedSeverity.Low),
        _ => Account(99, Other),
    };

    private static FeedClass Credential(string type) => type switch
    {
        AuditEventTypes.Credential.Issued or AuditEventTypes.Credential.Imported or AuditEventTypes.Credential.Discovered => Account(1, "Create"),
        AuditEventTypes.Credential.Rotated => Account(3, "Password Change"),
        AuditEventTypes.Credential.Revoked or AuditEventTypes.Credential.AnomalyRevoked => Account(5, "Disable", FeedSeverity.Medium),
        AuditEventTypes.Credential.Expired => Account(5, "Disable", FeedSeverity.Low),
        AuditEventTypes.Credential.GoneFromSource => Account(6, "Delete", FeedSeverity.Low),
        AuditEventTypes.Credential.RevokeFailed or AuditEventTypes.Credential.RotationFailed => Account(99, Other, FeedSeverity.High, failed: true),
        AuditEventTypes.Credential.ReappearedEnabled => Account(2, "Enable", FeedSeverity.High),
        AuditEventTypes.Credential.AnomalyFlagged => Account(99, Other, FeedSeverity.Medium),
        _ => Account(99, Other),
    };

    private static FeedClass Review(string type) => type switch
    {
        AuditEventTypes.Review.CampaignCreated => Entity(1, "Create"),
        _ => Entity(3, "Update"),
    };

    private static FeedClass Account(int activity, string name, FeedSeverity severity = FeedSeverity.Informational, bool failed = false) =>
        new(FeedClass.AccountChange, "Account Change", activity, name, severity, failed);

    private static FeedClass Entity(int activity, string name, FeedSeverity severity = FeedSeverity.Informational, bool failed = false) =>
        new(FeedClass.EntityManagement, "Entity Management", activity, name, severity, failed);
}
