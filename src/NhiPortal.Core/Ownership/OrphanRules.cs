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
        identity.LifecycleState == IdentityLifecycleState.Decommissioned ? OrphanReason.None
        : identity.OwnerId is null ? OrphanReason.NoOwner
        : identity.Owner is { IsActive: false } ? OrphanReason.OwnerLeft
        : identity.Team is { IsDissolved: true } ? OrphanReason.TeamDissolved
        : OrphanReason.None;
}
