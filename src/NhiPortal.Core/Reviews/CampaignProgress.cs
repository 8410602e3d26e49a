namespace NhiPortal.Core.Reviews;

public sealed record CampaignProgress(
    CampaignRow Campaign, IReadOnlyList<GroupProgress> ByReviewer, IReadOnlyList<GroupProgress> ByTeam, RubberStampSignals Signals,
    IReadOnlyList<ReviewItemView> Items);
