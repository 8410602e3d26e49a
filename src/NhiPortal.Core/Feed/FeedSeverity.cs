namespace NhiPortal.Core.Feed;

/// <summary>OCSF severity ids (1-4 used here); CEF and syslog severities are derived from it.</summary>
public enum FeedSeverity
{
    Informational = 1,
    Low = 2,
    Medium = 3,
    High = 4,
}
