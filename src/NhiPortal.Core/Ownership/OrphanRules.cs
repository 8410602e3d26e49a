using System.Linq.Expressions;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Ownership;

public enum OrphanReason
{
    None,
    NoOwner,
    OwnerLeft,
    TeamDissolved,
}

/// <summary>
/// When an identity has nobody answerable for it. The same rule runs in the database (as an expression) and in
/// memory, so the dashboard, the orphan list and the exports can never disagree.
/// </summary>
public static class OrphanRules
{
    public static readonly Expression<Func<NonHumanIdentity, bool>> IsOrphan = i =>
        i.LifecycleState != IdentityLifecycleState.Decommissioned
        && (i.OwnerId == null || !i.Owner!.IsActive || (i.Team != null && i.Team.IsDissolved));

    public static OrphanReason ReasonFor(NonHumanIdentity identity) =>
        ReasonFor(identity.LifecycleState, identity.OwnerId, identity.Owner is not { IsActive: false }, identity.Team is { IsDissolved: true });

    /// <summary>The same rule on the columns a projection already holds (grid rows, the rescorer's facts).</summary>
    public static OrphanReason ReasonFor(IdentityLifecycleState state, Guid? ownerId, bool ownerActive, bool teamDissolved) =>
        state == IdentityLifecycleState.Decommissioned ? OrphanReason.None
        : ownerId is null ? OrphanReason.NoOwner
        : !ownerActive ? OrphanReason.OwnerLeft
        : teamDissolved ? OrphanReason.TeamDissolved
        : OrphanReason.None;
}
