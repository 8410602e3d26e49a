namespace NhiPortal.Core.Reviews;

/// <summary>Why an access review left a person something to do.</summary>
public enum WorkItemKind
{
    /// <summary>A reviewer decided "reduce access": someone has to take the described entitlements away.</summary>
    ReduceAccess,

    /// <summary>Nobody answered and the campaign's policy is "flag for follow-up".</summary>
    Unanswered,
}
