namespace NhiPortal.Core.Reviews;

public sealed record WorkItemRow(
    Guid Id, Guid CampaignId, string CampaignName, Guid IdentityId, string IdentityName, WorkItemKind Kind, string Description, string AssigneeName,
    DateTime CreatedUtc, DateTime DueUtc, WorkItemState State, DateTime? ClosedUtc, string? ClosedBy, string? Resolution, int Version, bool Overdue, bool Mine);
