using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Reports;
using NhiPortal.Infrastructure.Reports;

namespace NhiPortal.Infrastructure.Tests.Reports;

/// <summary>Prepared exports: queued, written by the job with progress, downloaded by whom the rules allow, failed clearly, removed after their time.</summary>
public class ReportExportJobTests(SeededDatabaseFixture fixture) : IClassFixture<SeededDatabaseFixture>
{
    private static readonly ReportOptions Options = new() { ProgressEveryRows = 100, MaxRowsPerSheet = 1_000, KeepFor = TimeSpan.FromHours(24) };

    private TestPortal Portal => ReportServices.PortalFor(fixture.Database, Options);

    private IReportExports As(string subject, PortalRole role) => Portal.As<IReportExports>(subject, role);

    private ReportOptions Effective => Portal.Get<ReportOptions>();

    private async Task<ReportExportView> StateOfAsync(Guid id)
    {
        await using var db = fixture.Database.CreateDbContext();
        return ReportExportRequests.View(await db.ReportExports.AsNoTracking().SingleAsync(e => e.Id == id));
    }

    [Fact]
    public async Task Prepare_ThenTheJob_GoesFromQueuedToReady_WithEveryRowSplitSheetsAndTheAuditedChecksum()
    {
        long credentials;
        await using (var db = fixture.Database.CreateDbContext())
        {
            credentials = await db.Credentials.LongCountAsync();
        }
        var exports = As("demo-auditor", PortalRole.Auditor);

        var queued = await exports.RequestAsync(new ReportRequest(ReportKind.CredentialHygiene));
        Assert.Equal(ReportExportState.Queued, queued.State);
        Assert.Equal(1, await Portal.Get<ReportExportJob>().RunDueAsync(CancellationToken.None));

        var ready = (await exports.ListMineAsync()).Single(e => e.Id == queued.Id);
        Assert.Equal(ReportExportState.Ready, ready.State);
        Assert.Equal(credentials, ready.RowsWritten);
        Assert.Equal(credentials, ready.RowsExpected);
        Assert.Equal(100, ready.Percent);
        Assert.Equal(TestDatabase.Now.UtcDateTime.AddHours(24), ready.ExpiresUtc);
        await using var download = await exports.OpenAsync(ready.Id);
        var copy = new MemoryStream();
        await download.Content.CopyToAsync(copy);
        copy.Position = 0;
        using var workbook = new XLWorkbook(copy);
        var sheets = SheetSplit.Plan("Credentials", credentials, Effective.MaxRowsPerSheet).Select(p => p.Name).ToArray();
        Assert.True(sheets.Length > 1, "the demo organisation has more credentials than the test's sheet limit");
        Assert.Equal(sheets, workbook.Worksheets.Select(w => w.Name).Where(n => n.StartsWith("Credentials", StringComparison.Ordinal)).ToArray());
        Assert.Equal(ready.DataSha256, WorkbookChecks.Recompute(workbook, sheets));
        Assert.Equal(ready.DataSha256, download.DataSha256);
        await using var db2 = fixture.Database.CreateDbContext();
        var audited = await db2.AuditEvents.Where(e => e.Type == AuditEventTypes.Access.ExportGenerated && e.Actor == "demo-auditor").OrderBy(e => e.Id).LastAsync();
        Assert.Contains(ready.DataSha256!, audited.AfterJson, StringComparison.Ordinal);
        Assert.Contains("Credentials (2)", audited.AfterJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runner_StoresProgressEveryHundredRows_WhileTheRowIsRunning()
    {
        var queued = await As("demo-operator", PortalRole.SecurityOperator).RequestAsync(new ReportRequest(ReportKind.CredentialHygiene, ReportFormat.Csv));
        var seen = new List<(ReportExportState State, long Rows, long? Expected)>();

        var state = await Portal.Get<ReportExportRunner>().RunAsync(queued.Id, async _ =>
        {
            var now = await StateOfAsync(queued.Id);
            seen.Add((now.State, now.RowsWritten, now.RowsExpected));
        }, CancellationToken.None);

        Assert.Equal(ReportExportState.Ready, state);
        var final = await StateOfAsync(queued.Id);
        Assert.Equal(final.RowsWritten / 100, seen.Count);
        Assert.Equal(Enumerable.Range(1, seen.Count).Select(n => n * 100L), seen.Select(s => s.Rows));
        Assert.All(seen, s => Assert.Equal(ReportExportState.Running, s.State));
        Assert.All(seen, s => Assert.Equal(final.RowsWritten, s.Expected));
        Assert.Empty(Directory.GetFiles(Effective.ExportDirectory, "*.part"));
    }

    [Fact]
    public async Task AFailingExport_IsRecordedWithItsReason_AndLeavesNoFile()
    {
        var exports = As("demo-auditor", PortalRole.Auditor);
        var missing = Guid.NewGuid();
        var queued = await exports.RequestAsync(new ReportRequest(ReportKind.AccessReview, CampaignId: missing));

        await Portal.Get<ReportExportJob>().RunDueAsync(CancellationToken.None);

        var failed = await StateOfAsync(queued.Id);
        Assert.Equal(ReportExportState.Failed, failed.State);
        Assert.Equal($"Campaign {missing} was not found.", failed.Error);
        Assert.Null(failed.DataSha256);
        Assert.False(Directory.Exists(Effective.ExportDirectory) && Directory.GetFiles(Effective.ExportDirectory, $"{queued.Id:N}*").Length > 0);
        var refused = await Assert.ThrowsAsync<ValidationException>(() => exports.OpenAsync(queued.Id));
        Assert.Contains("was not found", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_IsRefusedToAnotherUserWithoutTheRights_AndToTheRequesterWhoLostThem_ButAllowedToAnotherAuditor()
    {
        var queued = await As("demo-auditor", PortalRole.Auditor).RequestAsync(new ReportRequest(ReportKind.CredentialHygiene, ReportFormat.Csv));
        await Portal.Get<ReportExportJob>().RunDueAsync(CancellationToken.None);

        await Assert.ThrowsAsync<AccessDeniedException>(() => As("demo-reviewer", PortalRole.Reviewer).OpenAsync(queued.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Portal.As<IReportExports>("no-role-at-all").OpenAsync(queued.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => As("demo-auditor", PortalRole.Reviewer).OpenAsync(queued.Id));
        await using var colleague = await As("second-auditor", PortalRole.Auditor).OpenAsync(queued.Id);
        Assert.Equal("text/csv", colleague.ContentType);
        Assert.Empty(await As("second-auditor", PortalRole.Auditor).ListMineAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => As("demo-auditor", PortalRole.Auditor).OpenAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Prepare_IsRefusedToARoleThatMayNotRunTheReport_AndNothingIsQueued()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => As("demo-reviewer", PortalRole.Reviewer).RequestAsync(new ReportRequest(ReportKind.CredentialHygiene)));
        await Assert.ThrowsAsync<ValidationException>(() => As("demo-auditor", PortalRole.Auditor).RequestAsync(new ReportRequest(ReportKind.Ownership, ReportFormat.Csv)));

        await using var db = fixture.Database.CreateDbContext();
        Assert.False(await db.ReportExports.AnyAsync(e => e.RequestedBySubject == "demo-reviewer" || e.Kind == ReportKind.Ownership && e.Format == ReportFormat.Csv));
    }

    [Fact]
    public async Task AReadyExport_PastItsTime_LosesItsFile_AndCannotBeDownloaded()
    {
        var exports = As("demo-admin", PortalRole.Administrator);
        var queued = await exports.RequestAsync(new ReportRequest(ReportKind.CredentialHygiene, ReportFormat.Csv));
        await Portal.Get<ReportExportJob>().RunDueAsync(CancellationToken.None);
        var file = Path.Combine(Effective.ExportDirectory, $"{queued.Id:N}.csv");
        Assert.True(File.Exists(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        fixture.Database.Clock.Advance(TimeSpan.FromHours(25));
        await Portal.Get<ReportExportJob>().RunDueAsync(CancellationToken.None);

        Assert.False(File.Exists(file));
        Assert.Equal(ReportExportState.Expired, (await StateOfAsync(queued.Id)).State);
        await Assert.ThrowsAsync<NotFoundException>(() => exports.OpenAsync(queued.Id));
    }

    [Fact]
    public async Task AnExportLeftRunningByAStoppedInstance_IsWrittenAgainByTheNextPass()
    {
        var queued = await As("demo-auditor", PortalRole.Auditor).RequestAsync(new ReportRequest(ReportKind.CredentialHygiene, ReportFormat.Csv));
        await using (var db = fixture.Database.CreateDbContext())
        {
            await db.ReportExports.Where(e => e.Id == queued.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.State, ReportExportState.Running).SetProperty(e => e.RowsWritten, 300));
        }

        await Portal.Get<ReportExportJob>().RunDueAsync(CancellationToken.None);

        var done = await StateOfAsync(queued.Id);
        Assert.Equal(ReportExportState.Ready, done.State);
        Assert.Equal(done.RowsExpected, done.RowsWritten);
    }

    [Fact]
    public async Task DirectDownload_OfTheCredentialWorkbookOrOfAReportOverTheRowLimit_IsRefusedWithWhatToDo()
    {
        var direct = Portal.As<IReportService>("demo-auditor", PortalRole.Auditor);
        var refused = await Assert.ThrowsAsync<ValidationException>(() => direct.WriteAsync(new ReportRequest(ReportKind.CredentialHygiene), new MemoryStream()));
        Assert.Contains("Prepare", refused.Message, StringComparison.Ordinal);

        await using var strict = new TestPortal(fixture.Database, configure: s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions
            .AddSingleton(s, Effective with { ImmediateRowLimit = 10 }));
        var output = new MemoryStream();
        var tooLarge = await Assert.ThrowsAsync<ValidationException>(() => strict.As<IReportService>("demo-auditor", PortalRole.Auditor)
            .WriteAsync(new ReportRequest(ReportKind.AuditExtract, FromUtc: TestDatabase.Now.UtcDateTime.AddDays(-1), ToUtc: TestDatabase.Now.UtcDateTime.AddDays(1)), output));
        Assert.Contains("more than 10", tooLarge.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.Length);
    }
}
