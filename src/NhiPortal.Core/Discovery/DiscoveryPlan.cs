namespace NhiPortal.Core.Discovery;

/// <summary>What one read means for the inventory, decided before anything is written.</summary>
public sealed record DiscoveryPlan
{
    public List<DiscoveredAccount> New { get; } = [];

    public List<AccountUpdate> Updates { get; } = [];

    public List<KnownAccount> Gone { get; } = [];

    public List<ConflictDraft> Conflicts { get; } = [];

    /// <summary>Known accounts the source agrees with again on a field that was in conflict: (identity, field).</summary>
    public List<(Guid IdentityId, string Field)> Agreed { get; } = [];

    /// <summary>Entries the read could not use, plus accounts listed twice (neither copy applied).</summary>
    public List<ObjectError> Errors { get; } = [];
}
