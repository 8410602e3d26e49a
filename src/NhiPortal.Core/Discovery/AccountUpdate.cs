using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Discovery;

/// <summary>
/// A known account the source reports differently. <see cref="IdentityChanges"/> and <see cref="CredentialChanges"/>
/// are what gets applied; <see cref="ValueChanged"/> means the source's credential is a new value (a password reset):
/// the old record is kept as Rotated history and a successor takes its place.
/// </summary>
public sealed record AccountUpdate(KnownAccount Known, DiscoveredAccount Observed)
{
    public List<ObservedChange> IdentityChanges { get; } = [];

    public List<ObservedChange> CredentialChanges { get; } = [];

    public IdentityLifecycleState? NewState { get; set; }

    public Guid? NewProposedOwnerId { get; set; }

    public bool OwnerHintChanged { get; set; }

    public bool ValueChanged { get; set; }

    /// <summary>It was marked gone and the source lists it again.</summary>
    public bool Returned { get; set; }

    public bool HasChanges => IdentityChanges.Count > 0 || CredentialChanges.Count > 0 || ValueChanged || Returned || OwnerHintChanged;
}
