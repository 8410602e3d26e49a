namespace NhiPortal.Core.Reports;

public enum ReportKind
{
    CredentialHygiene,
    Ownership,
    Revocations,
    AuditExtract,
    AccessReview,
    ReviewFollowUps,
}
