namespace NhiPortal.Core.Reviews;

/// <summary>A closed campaign's immutable result (insert-only), for reports: who decided what, when, why.</summary>
public sealed class ReviewCampaignResult
{
    public Guid CampaignId { get; set; }

    public required DateTime ClosedUtc { get; set; }

    public required string ResultJson { get; set; }

    public required string Sha256 { get; set; }
}
