using System.Text;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Reports;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Hygiene;

namespace NhiPortal.Infrastructure.Tests.Reports;

/// <summary>Each workbook is opened again with ClosedXML, as an auditor's tool would, and checked cell by cell.</summary>
public class ReportServiceTests(SeededDatabaseFixture fixture) : IClassFixture<SeededDatabaseFixture>
{
    private const string Hostile = "=HYPERLINK(\"http://evil.example\",\"click\")";

    private IReportService Service(string subject, PortalRole role) => ReportServices.As(fixture.Database, subject, role);

    private async Task<(XLWorkbook Workbook, ReportResult Result)> ExportAsync(ReportRequest request, string subject = "demo-auditor", PortalRole role = PortalRole.Auditor)
    {
        var stream = new MemoryStream();
        var result = await Service(subject, role).WriteAsync(request, stream);
        stream.Position = 0;
        return (new XLWorkbook(stream), result);
    }

    private async Task EnsureHostileCredentialAsync()
    {
        await using var db = fixture.Database.CreateDbContext();
        if (!await db.Credentials.AnyAsync(c => c.Name == Hostile))
        {
            var identity = await db.Identities.Select(i => i.Id).FirstAsync();
            db.Credentials.Add(new Credential
            {
                Name = Hostile, Kind = CredentialKind.ApiKey, IdentityId = identity, Purpose = "+cmd|' /C calc'!A0", Store = "@vault", StoreReference = "-1+1",
                Fingerprint = Fingerprint.OfSecret("hostile"), IssuedUtc = TestDatabase.Now.UtcDateTime.AddDays(-3),
            });
            await db.SaveChangesAsync();
        }
    }

    /// <summary>Recomputes the cover's SHA-256 from what the workbook holds, the way the cover tells a reader to.</summary>
    private static string Recompute(XLWorkbook workbook, params string[] dataSheets)
    {
        using var checksum = new ReportChecksum();
        foreach (var name in dataSheets)
        {
            var sheet = workbook.Worksheet(name);
            var width = sheet.Row(1).LastCellUsed().Address.ColumnNumber;
            checksum.Sheet(name, Enumerable.Range(1, width).Select(c => sheet.Cell(1, c).GetString()));
            foreach (var row in sheet.RowsUsed().Skip(1))
            {
                checksum.Row(Enumerable.Range(1, width).Select(c => row.Cell(c)).Select(cell => cell.IsEmpty() ? null : cell.DataType switch
                {
                    XLDataType.DateTime => (object)cell.GetDateTime(),
                    XLDataType.Number => cell.GetDouble(),
                    XLDataType.Boolean => cell.GetBoolean(),
                    _ => cell.GetString(),
                }).ToArray());
            }
        }
        return checksum.Finish();
    }

    private static string Cover(XLWorkbook workbook, string label) =>
        workbook.Worksheet("Cover").RowsUsed().Single(r => r.Cell(1).GetString() == label).Cell(2).GetString();

    [Fact]
    public async Task CredentialReport_HasCoverDataSummaryAndFrameworks_TypedCells_AndAChecksumThatRecomputes()
    {
        await EnsureHostileCredentialAsync();
        await new HygieneRescorer(fixture.Database, fixture.Database.Clock).RescoreAllAsync();
        int credentials;
        await using (var db = fixture.Database.CreateDbContext())
        {
            credentials = await db.Credentials.CountAsync();
        }

        var (workbook, result) = await ExportAsync(new ReportRequest(ReportKind.CredentialHygiene));

        using (workbook)
        {
            Assert.Equal(["Cover", "Credentials", "By team and grade", "Frameworks"], workbook.Worksheets.Select(w => w.Name).ToArray());
            var sheet = workbook.Worksheet("Credentials");
            Assert.Equal("Credential", sheet.Cell(1, 1).GetString());
            Assert.Equal("Findings (OWASP NHI)", sheet.Cell(1, 19).GetString());
            Assert.Equal(credentials, sheet.RowsUsed().Count() - 1);
            Assert.Equal(credentials, result.RowCounts["Credentials"]);
            Assert.Equal(credentials.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), Cover(workbook, "Rows in \"Credentials\""));
            // Dates are real dates; counts and scores are numbers.
            Assert.Equal(XLDataType.DateTime, sheet.Cell(2, 11).DataType);
            Assert.Equal(XLDataType.Number, sheet.Cell(2, 12).DataType);
            Assert.Contains(sheet.RowsUsed().Skip(1), r => r.Cell(17).DataType == XLDataType.Number && r.Cell(19).GetString().Contains("NHI", StringComparison.Ordinal));
            // The header is frozen and filtered.
            Assert.Equal(1, sheet.SheetView.SplitRow);
            Assert.True(sheet.AutoFilter.IsEnabled);
            // Formula injection: the hostile name is text, never a formula.
            var hostile = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == Hostile);
            Assert.False(hostile.Cell(1).HasFormula);
            Assert.Equal(XLDataType.Text, hostile.Cell(1).DataType);
            Assert.Equal("@vault", hostile.Cell(9).GetString());

            Assert.Equal(result.DataSha256, Cover(workbook, "SHA-256 of the data"));
            Assert.Equal(result.DataSha256, Recompute(workbook, "Credentials"));
            Assert.Contains("Auditor", Cover(workbook, "Generated by"), StringComparison.OrdinalIgnoreCase);
            Assert.True(workbook.Worksheet("By team and grade").RowsUsed().Count() > 2);
            Assert.Contains(workbook.Worksheet("Frameworks").RowsUsed(), r => r.Cell(5).GetString().Contains("PR.AA", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ChangingOneCell_ChangesTheChecksum()
    {
        var (workbook, result) = await ExportAsync(new ReportRequest(ReportKind.CredentialHygiene));
        using (workbook)
        {
            workbook.Worksheet("Credentials").Cell(2, 1).SetValue("tampered");
            Assert.NotEqual(result.DataSha256, Recompute(workbook, "Credentials"));
        }
    }

    [Fact]
    public async Task CredentialCsv_GuardsFormulaLikeText_WithAnApostrophe()
    {
        await EnsureHostileCredentialAsync();
        var stream = new MemoryStream();

        var result = await Service("demo-operator", PortalRole.SecurityOperator).WriteAsync(new ReportRequest(ReportKind.CredentialHygiene, ReportFormat.Csv), stream);

        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.StartsWith("\uFEFFCredential,Kind,State", text, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"", text, StringComparison.Ordinal);
        Assert.Contains(",'@vault,", text, StringComparison.Ordinal);
        Assert.Equal("text/csv", result.ContentType);
        Assert.Equal(result.RowCounts["Credentials"], text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1);
    }

    [Fact]
    public async Task AuditExtract_CarriesTheChainVerificationOnItsCover_AndOnlyTheChosenStream()
    {
        var (workbook, result) = await ExportAsync(new ReportRequest(ReportKind.AuditExtract, FromUtc: TestDatabase.Now.UtcDateTime.AddDays(-1),
            ToUtc: TestDatabase.Now.UtcDateTime.AddDays(1), Stream: AuditStream.Identity));

        using (workbook)
        {
            Assert.StartsWith("Intact", Cover(workbook, "Hash-chain verification"), StringComparison.Ordinal);
            var events = workbook.Worksheet("Events");
            Assert.True(result.RowCounts["Events"] > 100);
            Assert.All(events.RowsUsed().Skip(1), r => Assert.Equal("Identity", r.Cell(3).GetString()));
            Assert.Equal(64, events.Cell(2, 13).GetString().Length);
            Assert.Equal(result.DataSha256, Recompute(workbook, "Events"));
        }
    }

    [Fact]
    public async Task RevocationReport_ListsRunsAndSteps_WithTheMeanTimeToRespond()
    {
        await using (var db = fixture.Database.CreateDbContext())
        {
            var credential = await db.Credentials.Where(c => c.State == CredentialState.Active).Select(c => new { c.Id, c.Name }).FirstAsync();
            var requested = TestDatabase.Now.UtcDateTime.AddHours(-1);
            db.RevocationRuns.Add(new RevocationRun
            {
                Reason = "INC-77 report test", RequestedBy = "demo-operator", RequestedByName = "Sam Operator", RequestedUtc = requested,
                StartedUtc = requested, CompletedUtc = requested.AddSeconds(42), Status = RevocationRunStatus.Completed,
                Steps = { new RevocationStep { CredentialId = credential.Id, CredentialName = credential.Name, Connector = "manual", Status = RevocationStepStatus.Revoked, Attempts = 1 } },
            });
            await db.SaveChangesAsync();
        }

        var (workbook, _) = await ExportAsync(new ReportRequest(ReportKind.Revocations, FromUtc: TestDatabase.Now.UtcDateTime.AddDays(-1), ToUtc: TestDatabase.Now.UtcDateTime));

        using (workbook)
        {
            Assert.Equal(["Cover", "Runs", "Steps", "Summary", "Frameworks"], workbook.Worksheets.Select(w => w.Name).ToArray());
            var run = workbook.Worksheet("Runs").RowsUsed().Single(r => r.Cell(4).GetString() == "INC-77 report test");
            Assert.Equal(42, run.Cell(10).GetDouble());
            Assert.Single(workbook.Worksheet("Steps").RowsUsed().Skip(1));
            Assert.Contains(workbook.Worksheet("Summary").RowsUsed(), r => r.Cell(1).GetString().StartsWith("Mean time to respond", StringComparison.Ordinal) && r.Cell(2).GetDouble() == 42);
        }
    }

    [Fact]
    public async Task OwnershipReport_ListsEveryOrphan()
    {
        await using var db = fixture.Database.CreateDbContext();
        var orphans = await db.Identities.CountAsync(Core.Ownership.OrphanRules.IsOrphan(db.StaffMembers, db.Teams));

        var (workbook, result) = await ExportAsync(new ReportRequest(ReportKind.Ownership));

        using (workbook)
        {
            Assert.Equal(orphans, result.RowCounts["Orphans"]);
            Assert.Equal(orphans, workbook.Worksheet("Orphans").RowsUsed().Count() - 1);
            Assert.Equal(orphans, workbook.Worksheet("Summary").RowsUsed().Single(r => r.Cell(1).GetString() == "Total").Cell(2).GetDouble());
        }
    }

    [Fact]
    public async Task Exports_AreAudited_AndRefusedToAReviewer_AndBadPeriodsAreRefused()
    {
        await ExportAsync(new ReportRequest(ReportKind.Ownership), "demo-admin", PortalRole.Administrator);
        await using (var db = fixture.Database.CreateDbContext())
        {
            var export = await db.AuditEvents.Where(e => e.Type == AuditEventTypes.Access.ExportGenerated && e.Actor == "demo-admin").SingleAsync();
            Assert.Contains("Ownership", export.Summary, StringComparison.Ordinal);
            Assert.Contains("Sha256", export.AfterJson, StringComparison.Ordinal);
        }
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service("demo-reviewer", PortalRole.Reviewer).WriteAsync(new ReportRequest(ReportKind.Ownership), new MemoryStream()));
        await Assert.ThrowsAsync<ValidationException>(() => Service("demo-admin", PortalRole.Administrator)
            .WriteAsync(new ReportRequest(ReportKind.Revocations, FromUtc: TestDatabase.Now.UtcDateTime, ToUtc: TestDatabase.Now.UtcDateTime.AddDays(-1)), new MemoryStream()));
    }
}
