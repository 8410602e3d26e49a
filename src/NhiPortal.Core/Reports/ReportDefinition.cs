using NhiPortal.Core.Access;

namespace NhiPortal.Core.Reports;

/// <summary>
/// One report the portal offers: its name in links (slug), on its card (name) and on its cover (title), the formats
/// it comes in (the first is the default), whether it is produced for one campaign rather than a period, and the
/// export scope a caller needs. Organisation-wide reports need the whole scope; a campaign's report is also for
/// that campaign's reviewers (the service checks the caller reviews in it).
/// </summary>
public sealed record ReportDefinition(
    ReportKind Kind, string Slug, string Name, string Title, string Description, IReadOnlyList<ReportFormat> Formats, bool ForCampaign, AccessScope ExportScope)
{
    /// <summary>Every credential of the organisation: always written by the export job, never inside one request.</summary>
    public bool AlwaysPrepared { get; init; }

    public bool Offers(ReportFormat format) => Formats.Contains(format);

    public bool MayRun(PortalUser user) => user.ScopeFor(Capability.Export) >= ExportScope;
}
