namespace NhiPortal.Core.Inventory;

/// <summary>
/// Which way an identity's lifecycle may move by a person's decision: <c>Active -> Disabled</c> (containment, a
/// review), <c>Disabled -> Active</c> (re-enabled by an operator, with a reason), <c>Active | Disabled ->
/// Decommissioned</c> (the leaver step: every credential revoked, the record kept). Decommissioned is final.
/// </summary>
public static class IdentityLifecycleRules
{
    /// <summary>Why the identity cannot be decommissioned now, or null.</summary>
    public static string? DecommissionProblem(IdentityLifecycleState state, bool selectionGiven) => state switch
    {
        IdentityLifecycleState.Decommissioned => "The identity is already decommissioned.",
        _ when selectionGiven => "Decommissioning revokes every credential the identity holds: ask for the identity, not a selection.",
        _ => null,
    };

    /// <summary>Why the identity cannot be re-enabled, or null.</summary>
    public static string? ReenableProblem(IdentityLifecycleState state) => state switch
    {
        IdentityLifecycleState.Disabled => null,
        IdentityLifecycleState.Active => "The identity is already active.",
        _ => "A decommissioned identity stays closed: register a new identity if the workload returns.",
    };
}
