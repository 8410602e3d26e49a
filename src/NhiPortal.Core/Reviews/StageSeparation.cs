namespace NhiPortal.Core.Reviews;

/// <summary>
/// Separation of duties between a campaign's stages, defined once for the start that picks a later stage's reviewer
/// and for the decisions and delegations that check it: nobody who took part in an earlier stage of an NHI (assigned,
/// delegated it on, or decided it) reviews a later one, nor, when the campaign separates, a critical NHI's owner.
/// </summary>
public static class StageSeparation
{
    /// <summary>Everyone who took part in one item: its reviewer, whoever delegated it to them, whoever decided it.</summary>
    public static IReadOnlyList<Guid> People(Guid reviewerId, Guid? delegatedFromId, Guid? decidedById) =>
        [reviewerId, .. delegatedFromId is { } d ? [d] : Array.Empty<Guid>(), .. decidedById is { } by ? [by] : Array.Empty<Guid>()];

    public static bool OwnsCritical(Guid person, bool critical, bool separates, Guid? ownerId) => critical && separates && ownerId == person;

    /// <summary>Who may not review a later stage of the NHI.</summary>
    public static HashSet<Guid> Excluded(IEnumerable<Guid> earlierPeople, bool critical, bool separates, Guid? ownerId) =>
        [.. earlierPeople, .. ownerId is { } owner && OwnsCritical(owner, critical, separates, ownerId) ? [owner] : Array.Empty<Guid>()];
}
