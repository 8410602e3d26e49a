namespace NhiPortal.Core.Leaks;

/// <summary>What the portal did with a leak report.</summary>
public enum LeakOutcome
{
    /// <summary>The credential's environment revokes automatically: a run was queued through its connector.</summary>
    AutoRevocationStarted,

    /// <summary>The owner and operators were told, with a one-click revoke.</summary>
    OwnerNotified,

    /// <summary>No credential known with this fingerprint: a shadow credential somewhere.</summary>
    Unmatched,

    /// <summary>The credential is already revoked, expired or rotated; the old value may still work elsewhere, so people were told.</summary>
    AlreadyInactive,
}
