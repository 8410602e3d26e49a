using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Reports;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Hygiene;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>Each report kind's content source, for the direct download and the export job alike.</summary>
internal sealed class ReportSources(
    IDbContextFactory<NhiPortalDbContext> dbFactory, HygieneRescorer rescorer, AuditChainSealer sealer, AuditChainVerifier verifier)
{
    public IReportContentSource For(ReportKind kind) => kind switch
    {
        ReportKind.CredentialHygiene => new CredentialHygieneReport(dbFactory, rescorer),
        ReportKind.Ownership => new OwnershipReport(dbFactory),
        ReportKind.Revocations => new RevocationsReport(dbFactory),
        ReportKind.AuditExtract => new AuditExtractReport(dbFactory, sealer, verifier),
        ReportKind.AccessReview => new AccessReviewReport(),
        ReportKind.ReviewFollowUps => new ReviewFollowUpsReport(dbFactory),
    };
}
