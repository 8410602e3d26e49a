using NhiPortal.Core.Reviews;

namespace NhiPortal.Web.Api;

/// <summary>A campaign's progress without its items (a reviewer reads their own items from the review queue).</summary>
public sealed record CampaignSummary(CampaignRow Campaign, IReadOnlyList<GroupProgress> ByReviewer, IReadOnlyList<GroupProgress> ByTeam, RubberStampSignals Signals);
