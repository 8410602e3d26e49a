using NhiPortal.Core.Audit;

namespace NhiPortal.Core.Reports;

/// <summary>What to report on: a period (for changes, runs and audit events) and, for an audit extract, a stream.</summary>
public sealed record ReportRequest(ReportKind Kind, ReportFormat Format = ReportFormat.Xlsx, DateTime? FromUtc = null, DateTime? ToUtc = null, AuditStream? Stream = null,
    Guid? CampaignId = null)
{
    /// <summary>The one validation of a request, against the report's entry in the <see cref="ReportCatalog"/>.</summary>
    public string? Validate()
    {
        var report = ReportCatalog.For(Kind);
        return (FromUtc, ToUtc) switch
        {
            _ when report.ForCampaign && CampaignId is null => "Choose the campaign.",
            ({ } from, { } to) when to <= from => "The end of the period must be after its start.",
            ({ } from, { } to) when to - from > TimeSpan.FromDays(3_660) => "A period of at most ten years.",
            _ when !report.Offers(Format) =>
                $"{ReportCatalog.Label(Format)} is offered for {string.Join(", ", ReportCatalog.All.Where(r => r.Offers(Format)).Select(r => r.Name))}; use {ReportCatalog.Label(report.Formats[0])} for this one.",
            _ => null,
        };
    }
}
