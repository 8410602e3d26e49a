using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Reports;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Hygiene;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>
/// The audit reports' one entry point: picks the report kind and hands it to the shared export (caller check,
/// validation, cover, checksum, audit). Each report is streamed from the database; none is built in memory.
/// </summary>
public sealed class ReportService(
    IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, AuditWriter audit, TimeProvider clock,
    HygieneRescorer rescorer, AuditChainSealer sealer, AuditChainVerifier verifier) : IReportService
{
    private readonly ReportExport _export = new(dbFactory, currentUser, audit, clock);

    public Task<ReportResult> WriteAsync(ReportRequest request, Stream output, CancellationToken ct = default) =>
        _export.WriteAsync(request, output, Source(request.Kind), ct);

    private IReportContentSource Source(ReportKind kind) => kind switch
    {
        ReportKind.CredentialHygiene => new CredentialHygieneReport(dbFactory, rescorer),
        ReportKind.Ownership => new OwnershipReport(dbFactory),
        ReportKind.Revocations => new RevocationsReport(dbFactory),
        ReportKind.AuditExtract => new AuditExtractReport(dbFactory, sealer, verifier),
        ReportKind.AccessReview => new AccessReviewReport(),
    };
}
