using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Reports;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>Removes the files of exports past their time and marks them expired; the row stays as the record of what was made.</summary>
internal sealed class ReportExportExpiry(IDbContextFactory<NhiPortalDbContext> dbFactory, ReportExportFiles files, TimeProvider clock)
{
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.ReportExports.Where(e => e.State == ReportExportState.Ready && e.ExpiresUtc <= now).ToListAsync(ct);
        foreach (var export in due)
        {
            files.Delete(export);
            export.State = ReportExportState.Expired;
        }
        await db.SaveChangesAsync(ct);
        return due.Count;
    }
}
