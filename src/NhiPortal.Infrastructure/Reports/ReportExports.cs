using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Reports;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>
/// Asking for a prepared report, listing one's own, and downloading a ready one. Every call checks the caller against
/// the catalog as a direct download does; a download also checks that the caller asked for it or may export the whole
/// organisation's reports, so a hidden button is never the only guard.
/// </summary>
internal sealed class ReportExports(
    IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, ReportExportFiles files, ReportExportSignal signal, TimeProvider clock) : IReportExports
{
    private const int Listed = 20;

    public async Task<ReportExportView> RequestAsync(ReportRequest request, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        ReportWriter.Check(request, user);
        var row = new ReportExport
        {
            Kind = request.Kind, Format = request.Format, RequestJson = ReportExportRequests.ToJson(request), RequestedBySubject = user.Subject,
            RequestedByName = user.DisplayName, RequestedRoles = ReportExportRequests.Roles(user), RequestedUtc = clock.GetUtcNow().UtcDateTime,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ReportExports.Add(row);
        await db.SaveChangesAsync(ct);
        signal.Raise();
        return ReportExportRequests.View(row);
    }

    public async Task<IReadOnlyList<ReportExportView>> ListMineAsync(CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.Export);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.ReportExports.AsNoTracking().Where(e => e.RequestedBySubject == user.Subject)
            .OrderByDescending(e => e.RequestedUtc).Take(Listed).ToListAsync(ct);
        return rows.Select(ReportExportRequests.View).ToList();
    }

    public async Task<ReportDownload> OpenAsync(Guid id, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        // Refused before the lookup: a person without export rights learns nothing, not even whether the export exists.
        user.Demand(Capability.Export);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.ReportExports.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException($"Export {id}");
        // The rights of now, not of when it was asked for: a person who lost the auditor role cannot fetch it any more.
        var scope = ReportWriter.Check(ReportExportRequests.Request(row), user);
        if (row.RequestedBySubject != user.Subject && scope != AccessScope.Everything)
        {
            throw new AccessDeniedException(user, Capability.Export);
        }
        return row.State switch
        {
            ReportExportState.Ready when files.Exists(row) => new ReportDownload(files.OpenRead(row), row.FileName!, ReportWriter.ContentType(row.Format), row.DataSha256!),
            ReportExportState.Ready or ReportExportState.Expired => throw new NotFoundException($"The file of export {id} (removed after its time)"),
            ReportExportState.Queued or ReportExportState.Running => throw new ValidationException("That export is not ready yet."),
            ReportExportState.Failed => throw new ValidationException($"That export failed: {row.Error}"),
        };
    }
}
