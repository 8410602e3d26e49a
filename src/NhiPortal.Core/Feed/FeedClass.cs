namespace NhiPortal.Core.Feed;

/// <summary>Where an event sits in OCSF: its class and activity (type_uid = class × 100 + activity), severity and status.</summary>
public sealed record FeedClass(int ClassUid, string ClassName, int ActivityId, string ActivityName, FeedSeverity Severity, bool Failed)
{
    public const int CategoryUid = 3;
    public const string CategoryName = "Identity & Access Management";
    public const int AccountChange = 3001;
    public const int Authentication = 3002;
    public const int EntityManagement = 3004;

    public long TypeUid => (ClassUid * 100L) + ActivityId;
}
