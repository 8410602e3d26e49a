using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Access;
using NhiPortal.Core.Reports;
using NhiPortal.Infrastructure.Reports;

namespace NhiPortal.Infrastructure.Tests.Reports;

/// <summary>
/// The report service over a test database, as a given caller. A report the catalog always prepares goes the way a
/// person gets it: Prepare, the export job's pass, then the download, so every workbook test also covers that path.
/// </summary>
internal static class ReportServices
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TestDatabase, TestPortal> Portals = new();

    public static IReportService As(TestDatabase database, string subject, PortalRole role) => new PreparingReportService(PortalFor(database), subject, role);

    /// <summary>
    /// One portal per database whose export job keeps its files beside the database (so they go with it) and writes
    /// progress while it reads, which SQLite allows in WAL mode, as the host runs it.
    /// </summary>
    public static TestPortal PortalFor(TestDatabase database, ReportOptions? options = null) => Portals.GetValue(database, d =>
    {
        if (d.IsSqlite)
        {
            using var db = d.CreateDbContext();
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        }
        var directory = Path.Combine(Path.GetDirectoryName(d.HeadsFile.Path)!, "exports");
        return new TestPortal(d, configure: s => s.AddSingleton((options ?? new ReportOptions()) with { ExportDirectory = directory }));
    });

    private sealed class PreparingReportService(TestPortal portal, string subject, PortalRole role) : IReportService
    {
        public async Task<ReportResult> WriteAsync(ReportRequest request, Stream output, CancellationToken ct = default)
        {
            if (!ReportCatalog.For(request.Kind).AlwaysPrepared)
            {
                return await portal.As<IReportService>(subject, role).WriteAsync(request, output, ct);
            }
            var exports = portal.As<IReportExports>(subject, role);
            var requested = await exports.RequestAsync(request, ct);
            await portal.Get<ReportExportJob>().RunDueAsync(ct);
            await using var download = await exports.OpenAsync(requested.Id, ct);
            await download.Content.CopyToAsync(output, ct);
            var done = (await exports.ListMineAsync(ct)).Single(e => e.Id == requested.Id);
            // One data sheet here: the row's total is that sheet's count.
            return new ReportResult(download.FileName, download.ContentType, new Dictionary<string, long> { ["Credentials"] = done.RowsWritten }, download.DataSha256);
        }
    }
}
