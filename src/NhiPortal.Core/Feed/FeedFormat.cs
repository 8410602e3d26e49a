namespace NhiPortal.Core.Feed;

/// <summary>What a message's body holds.</summary>
public enum FeedFormat
{
    /// <summary>JSON with OCSF-aligned fields (the portal's own under <c>unmapped</c>).</summary>
    Ocsf,

    /// <summary>ArcSight CEF, for SIEMs that read nothing else.</summary>
    Cef,
}
