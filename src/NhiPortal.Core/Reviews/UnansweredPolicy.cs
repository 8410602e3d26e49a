namespace NhiPortal.Core.Reviews;

/// <summary>What happens to an item nobody decided when the window closes.</summary>
public enum UnansweredPolicy
{
    RevokeCredentials,
    DisableIdentity,
    FlagForFollowUp,
}
