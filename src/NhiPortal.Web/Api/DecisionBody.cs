using NhiPortal.Core.Reviews;

namespace NhiPortal.Web.Api;

/// <summary>A decision on one review item; <see cref="Version"/> is the item's version as read, so a decision made meanwhile is not overwritten.</summary>
public sealed record DecisionBody
{
    public required int Version { get; init; }

    public required ReviewDecision Decision { get; init; }

    public string? Justification { get; init; }

    /// <summary>For <see cref="ReviewDecision.ReassignOwner"/>: the staff member who becomes the owner.</summary>
    public Guid? NewOwnerId { get; init; }
}
