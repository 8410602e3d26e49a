using NhiPortal.Core.Access;

namespace NhiPortal.Core.Reports;

/// <summary>Every report, defined once: the reports page, the download endpoint and the report service all read it.</summary>
public static class ReportCatalog
{
    public static ReportDefinition CredentialHygiene { get; } = new(ReportKind.CredentialHygiene, "credential-hygiene", "Credential inventory and hygiene",
        "Credential inventory and hygiene",
        "Every credential with identity, owner, team, age, expiry, last use, grade and findings (OWASP NHI); a summary by team and grade.",
        [ReportFormat.Xlsx, ReportFormat.Csv], ForCampaign: false, AccessScope.Everything) { AlwaysPrepared = true };

    public static ReportDefinition Ownership { get; } = new(ReportKind.Ownership, "ownership", "Ownership", "Ownership: orphans and ownership changes",
        "Every orphan with its reason, and every ownership change, attestation and leaver in the period.",
        [ReportFormat.Xlsx], ForCampaign: false, AccessScope.Everything);

    public static ReportDefinition Revocations { get; } = new(ReportKind.Revocations, "revocations", "Revocations", "Revocation runs",
        "Revocation runs in the period, each step with its answer and duration, and the mean time to respond.",
        [ReportFormat.Xlsx], ForCampaign: false, AccessScope.Everything);

    public static ReportDefinition AuditExtract { get; } = new(ReportKind.AuditExtract, "audit-extract", "Audit log extract", "Audit log extract",
        "The events of the period (and stream), each with its chain position and hash; the hash-chain verification result on the cover.",
        [ReportFormat.Xlsx, ReportFormat.Csv], ForCampaign: false, AccessScope.Everything);

    public static ReportDefinition AccessReview { get; } = new(ReportKind.AccessReview, "access-review", "Access review", "Access review",
        "Every item of one campaign with its reviewer, decision, justification and the evidence seen; completion, escalation, remediation and rubber-stamp signals.",
        [ReportFormat.Xlsx], ForCampaign: true, AccessScope.OwnIdentities);

    public static ReportDefinition ReviewFollowUps { get; } = new(ReportKind.ReviewFollowUps, "review-follow-ups", "Review follow-ups", "Access review follow-ups",
        "Every follow-up access reviews opened in the period (access to reduce, NHIs nobody answered for) with its assignee, due date, state and resolution.",
        [ReportFormat.Xlsx, ReportFormat.Csv], ForCampaign: false, AccessScope.Everything);

    public static IReadOnlyList<ReportDefinition> All { get; } = [CredentialHygiene, Ownership, Revocations, AuditExtract, AccessReview, ReviewFollowUps];

    public static ReportDefinition For(ReportKind kind) => kind switch
    {
        ReportKind.CredentialHygiene => CredentialHygiene,
        ReportKind.Ownership => Ownership,
        ReportKind.Revocations => Revocations,
        ReportKind.AuditExtract => AuditExtract,
        ReportKind.AccessReview => AccessReview,
        ReportKind.ReviewFollowUps => ReviewFollowUps,
    };

    public static ReportDefinition? FindBySlug(string slug) => All.FirstOrDefault(r => string.Equals(r.Slug, slug, StringComparison.OrdinalIgnoreCase));

    /// <summary>A format as links and file names spell it.</summary>
    public static string Slug(ReportFormat format) => format switch
    {
        ReportFormat.Xlsx => "xlsx",
        ReportFormat.Csv => "csv",
    };

    public static ReportFormat? FindFormat(string slug) =>
        Enum.GetValues<ReportFormat>().Cast<ReportFormat?>().FirstOrDefault(f => string.Equals(Slug(f!.Value), slug, StringComparison.OrdinalIgnoreCase));

    /// <summary>A format as people read it.</summary>
    public static string Label(ReportFormat format) => format switch
    {
        ReportFormat.Xlsx => "Excel",
        ReportFormat.Csv => "CSV",
    };
}
