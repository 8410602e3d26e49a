using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Reports;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>
/// Writes one prepared export: counts its rows, streams the report into "&lt;id&gt;.part" storing progress every
/// <see cref="ReportOptions.ProgressEveryRows"/> rows, then renames the file and marks the row ready in the same
/// transaction as the export's audit event. A failure deletes whatever was written and records why on the row.
/// </summary>
internal sealed class ReportExportRunner(
    IDbContextFactory<NhiPortalDbContext> dbFactory, ReportWriter writer, ReportSources sources, ReportExportFiles files, ReportOptions options,
    TimeProvider clock, ILogger<ReportExportRunner> logger)
{
    /// <summary>Runs export <paramref name="id"/>; <paramref name="keepAlive"/> is called with each progress update (the job renews its lease there, and throws if it lost it).</summary>
    public async Task<ReportExportState> RunAsync(Guid id, Func<CancellationToken, Task> keepAlive, CancellationToken ct)
    {
        var row = await StartAsync(id, ct);
        if (row is null)
        {
            return ReportExportState.Failed;
        }
        try
        {
            var request = ReportExportRequests.Request(row);
            var user = ReportExportRequests.Requester(row);
            var source = sources.For(row.Kind);
            var expected = await writer.CountAsync(request, user, source, ct);
            await UpdateAsync(id, s => s.SetProperty(e => e.RowsExpected, expected), ct);
            var progress = new ReportProgress(options.ProgressEveryRows, async (rows, token) =>
            {
                await UpdateAsync(id, s => s.SetProperty(e => e.RowsWritten, rows), token);
                await keepAlive(token);
            });
            var file = files.CreatePart(row);
            await using (file)
            {
                await writer.WriteAsync(request, user, file, source, progress, async (db, result, token) =>
                {
                    // The file is whole before the row says so; if this transaction fails, the catch below removes it again.
                    await file.DisposeAsync();
                    files.Complete(row);
                    var tracked = await db.ReportExports.SingleAsync(e => e.Id == id, token);
                    var now = clock.GetUtcNow().UtcDateTime;
                    tracked.State = ReportExportState.Ready;
                    tracked.RowsWritten = result.RowCounts.Values.Sum();
                    tracked.FileName = result.FileName;
                    tracked.DataSha256 = result.DataSha256;
                    tracked.CompletedUtc = now;
                    tracked.ExpiresUtc = now + options.KeepFor;
                }, ct);
            }
            return ReportExportState.Ready;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The host is stopping: nothing half-written stays, and the export waits for the next start.
            files.Delete(row);
            await UpdateAsync(id, s => s.SetProperty(e => e.State, ReportExportState.Queued).SetProperty(e => e.RowsWritten, 0), CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            files.Delete(row);
            var message = ex switch
            {
                ValidationException or AccessDeniedException or NotFoundException => ex.Message,
                _ => $"The export could not be written ({ex.GetType().Name}: {ex.Message}). Nothing was kept; ask for it again.",
            };
            logger.LogError(ex, "Report export {Id} ({Kind}) failed", id, row.Kind);
            var now = clock.GetUtcNow().UtcDateTime;
            await UpdateAsync(id, s => s.SetProperty(e => e.State, ReportExportState.Failed).SetProperty(e => e.Error, Reasons.Fit(message, 1000))
                .SetProperty(e => e.CompletedUtc, now).SetProperty(e => e.FileName, (string?)null).SetProperty(e => e.DataSha256, (string?)null), CancellationToken.None);
            return ReportExportState.Failed;
        }
    }

    private async Task<ReportExport?> StartAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.ReportExports.SingleOrDefaultAsync(e => e.Id == id, ct);
        if (row is null || row.State is not (ReportExportState.Queued or ReportExportState.Running))
        {
            return null;
        }
        row.State = ReportExportState.Running;
        row.StartedUtc = clock.GetUtcNow().UtcDateTime;
        row.RowsWritten = 0;
        row.Error = null;
        await db.SaveChangesAsync(ct);
        return row;
    }

    private async Task UpdateAsync(Guid id, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ReportExport>> set, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.ReportExports.Where(e => e.Id == id).ExecuteUpdateAsync(set, ct);
    }
}
