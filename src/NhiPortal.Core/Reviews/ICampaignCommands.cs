namespace NhiPortal.Core.Reviews;

/// <summary>Creating, starting, closing and re-running campaigns (SecurityOperators, Administrators).</summary>
public interface ICampaignCommands
{
    /// <summary>Creates a campaign and, unless <paramref name="start"/> is false, starts it (its item list is frozen then).</summary>
    Task<Guid> CreateAsync(CampaignDraft draft, bool start = true, CancellationToken ct = default);

    Task StartAsync(Guid campaignId, CancellationToken ct = default);

    /// <summary>Closes now: unanswered items get the campaign's policy; the result is frozen.</summary>
    Task CloseAsync(Guid campaignId, CancellationToken ct = default);

    /// <summary>A new campaign over a closed one's unanswered items only.</summary>
    Task<Guid> RerunNonRespondersAsync(Guid campaignId, CancellationToken ct = default);
}
