namespace NhiPortal.Core.Reviews;

/// <summary>Where a page of campaigns (newest first) continues: after the campaign created at this time, with this id.</summary>
public sealed record CampaignCursor(DateTime CreatedUtc, Guid Id);
