using System.Diagnostics;
using System.Globalization;
using System.IO.Packaging;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Access;
using NhiPortal.Core.Reports;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Connectors;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Notifications;
using NhiPortal.Infrastructure.Reports;
using NhiPortal.Infrastructure.Revocation;

namespace NhiPortal.Benchmarks;

/// <summary>
/// The credential hygiene workbook of a large file through the portal's report path (asked for with Prepare, written by
/// the export job: checks, count, explainer, cover, split data sheets, checksum, progress, audit event) beside a bare streaming OpenXmlWriter writing
/// the same credential rows read with a bare data reader (split at the same sheet limit). Each scenario runs in its
/// own process, so its peak working set is its own. The portal writes an audit event: give it a copy of the file.
/// </summary>
internal static class ExportHygieneBenchmark
{
    public static async Task RunAsync(string path, IReadOnlyList<string>? only = null)
    {
        path = Path.GetFullPath(path);
        await using (var db = new NhiPortalDbContext(DbContextOptionsFactory.Create(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={path}", true))))
        {
            // The portal's own schema, so its tables (ReportExports among them) exist on an older file.
            await db.Database.MigrateAsync();
            Console.WriteLine($"Database: {path}: {await db.Credentials.CountAsync():N0} credentials, {await db.Identities.CountAsync():N0} identities");
            // Exports left queued by an earlier run of this benchmark would be written by this one's pass too.
            await db.ReportExports.ExecuteDeleteAsync();
            await db.JobLeases.Where(l => l.Name == ReportExportJob.JobName).ExecuteDeleteAsync();
        }
        Console.WriteLine("Credential hygiene workbook, each scenario in a fresh process (seconds, peak working set above the process's baseline):");
        var results = new Dictionary<string, (double Seconds, double PeakMb, string Detail)>();
        foreach (var scenario in new[] { "bare-read", "ef-projection", "rows", "bare", "portal", "csv" }.Where(s => only is null || only.Contains(s)))
        {
            var start = new ProcessStartInfo("dotnet", [typeof(ExportHygieneBenchmark).Assembly.Location, "export-hygiene-one", scenario, "--db", path])
            {
                RedirectStandardOutput = true,
            };
            start.RedirectStandardError = false;
            using var process = Process.Start(start)!;
            var line = (await process.StandardOutput.ReadToEndAsync()).Trim().Split('\n')[^1];
            await process.WaitForExitAsync();
            var parts = line.Split(' ', 3);
            results[scenario] = (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture), parts.Length > 2 ? parts[2] : "");
            Console.WriteLine($"  {scenario,-14} {results[scenario].Seconds,8:N1} s   +{results[scenario].PeakMb,6:N0} MB   {results[scenario].Detail}");
        }
        if (results.ContainsKey("portal") && results.ContainsKey("bare"))
        {
            Console.WriteLine($"  portal / bare: {results["portal"].Seconds / results["bare"].Seconds:N2}x");
        }
    }

    /// <summary>Runs one scenario and prints "seconds peak-MB detail".</summary>
    public static async Task RunOneAsync(string scenario, string path)
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var baseline = self.WorkingSet64;
        var output = Path.Combine(Path.GetTempPath(), $"nhiportal-export-hygiene-{scenario}-{Guid.NewGuid():N}");
        var connectionString = $"Data Source={path}";
        var watch = Stopwatch.StartNew();
        string detail;
        try
        {
            switch (scenario)
            {
                case "bare-read":
                    detail = $"{await BareReadAsync(connectionString):N0} rows read, nothing written";
                    break;
                case "bare":
                    await using (var file = new FileStream(output, FileMode.CreateNew, FileAccess.ReadWrite))
                    {
                        detail = $"{BareWrite(connectionString, file):N0} rows";
                    }
                    break;
                case "ef-projection":
                    detail = $"{await EfReadAsync(connectionString):N0} rows read by EF";
                    break;
                case "rows":
                    detail = $"{await PortalRowsAsync(connectionString):N0} rows built (query + findings), nothing written";
                    break;
                case "portal":
                case "csv":
                    {
                        var format = scenario == "csv" ? ReportFormat.Csv : ReportFormat.Xlsx;
                        var exports = Directory.CreateTempSubdirectory("nhiportal-bench-exports-").FullName;
                        try
                        {
                            await using var services = Services(connectionString, new ReportOptions { ExportDirectory = exports });
                            using var scope = services.CreateScope();
                            var requested = await scope.ServiceProvider.GetRequiredService<IReportExports>().RequestAsync(new ReportRequest(ReportKind.CredentialHygiene, format));
                            await services.GetRequiredService<ReportExportJob>().RunDueAsync(CancellationToken.None);
                            var done = (await scope.ServiceProvider.GetRequiredService<IReportExports>().ListMineAsync()).Single(e => e.Id == requested.Id);
                            var size = Directory.GetFiles(exports).Sum(f => new FileInfo(f).Length);
                            detail = $"{done.State}: {done.RowsWritten:N0} rows; {size / 1024.0 / 1024.0:N0} MB {done.Error}";
                        }
                        finally
                        {
                            Directory.Delete(exports, recursive: true);
                        }
                    }
                    break;
                default:
                    throw new ArgumentException($"Unknown scenario {scenario}");
            }
        }
        finally
        {
            File.Delete(output);
        }
        var seconds = watch.Elapsed.TotalSeconds;
        self.Refresh();
        // On a shared machine wall time follows the load; the process's CPU time says what the work itself cost.
        detail += $"; CPU {self.TotalProcessorTime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";
        Console.WriteLine($"{seconds.ToString("0.000", CultureInfo.InvariantCulture)} {((self.PeakWorkingSet64 - baseline) / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture)} {detail}");
    }

    private static ServiceProvider Services(string connectionString, ReportOptions? reports = null) =>
        Services(new DatabaseSettings(DatabaseProvider.Sqlite, connectionString, false), reports);

    /// <summary>The portal's services over a database, as an auditor (who may export every report).</summary>
    internal static ServiceProvider Services(DatabaseSettings settings, ReportOptions? reports = null)
    {
        var factory = new RescoreBenchmark.Factory(DbContextOptionsFactory.Create(settings));
        var auditor = new PortalUser("bench-auditor", "Benchmark Auditor", null, new HashSet<PortalRole> { PortalRole.Auditor });
        return new ServiceCollection().AddLogging()
            .AddSingleton<IDbContextFactory<NhiPortalDbContext>>(factory).AddSingleton(TimeProvider.System)
            .AddSingleton<IConnectorRegistry>(new ConnectorRegistry([])).AddSingleton(new RevocationOptions()).AddSingleton(new SmtpSettings())
            .AddSingleton(AuditChainKey.CreateRandom()).AddSingleton(new AuditHeadsFile(Path.Combine(Path.GetTempPath(), $"nhiportal-bench-heads-{Guid.NewGuid():N}.jsonl")))
            .AddSingleton(Infrastructure.Discovery.DiscoverySourceRegistry.Empty)
            .AddScoped<ICurrentUser>(_ => new InventoryBenchmark.FixedUser(auditor))
            .AddSingleton(reports ?? new ReportOptions())
            .AddNhiServices().BuildServiceProvider();
    }

    // The EF Core projection the workbook used before (value converters, enum parsing, the shaper), read and dropped.
    private static async Task<long> EfReadAsync(string connectionString)
    {
        await using var services = Services(connectionString);
        var factory = services.GetRequiredService<IDbContextFactory<NhiPortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var query = db.Credentials.AsNoTracking().OrderBy(c => c.Id).Select(c => new
        {
            c.Id, c.Name, c.Kind, c.State, c.IdentityId, Identity = c.Identity != null ? c.Identity.Name : null,
            Environment = c.Identity != null ? (NhiPortal.Core.Inventory.DeploymentEnvironment?)c.Identity.Environment : null,
            Owner = c.Identity != null && c.Identity.Owner != null ? c.Identity.Owner.DisplayName : null,
            OwnerActive = c.Identity != null && c.Identity.Owner != null ? (bool?)c.Identity.Owner.IsActive : null,
            Team = c.Identity != null && c.Identity.Team != null ? c.Identity.Team.Name : null,
            c.Store, c.Fingerprint, c.IssuedUtc, c.ExpiresUtc, c.LastRotatedUtc, c.LastUsedUtc, c.IsDynamic, c.HygieneScore,
        });
        long n = 0;
        await foreach (var c in query.AsAsyncEnumerable())
        {
            n += c.Name.Length > 0 ? 1 : 0;
        }
        return n;
    }

    private static async Task<long> PortalRowsAsync(string connectionString)
    {
        await using var services = Services(connectionString);
        var factory = services.GetRequiredService<IDbContextFactory<NhiPortalDbContext>>();
        var source = new CredentialHygieneReport(factory, services.GetRequiredService<Infrastructure.Hygiene.HygieneRescorer>());
        await using var db = await factory.CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var user = new PortalUser("bench", "bench", null, new HashSet<PortalRole> { PortalRole.Auditor });
        var watch = Stopwatch.StartNew();
        var content = await source.BuildAsync(db, new ReportContext(new ReportRequest(ReportKind.CredentialHygiene), user, AccessScope.Everything, now, now, now), default);
        // Where the time goes: the explainer's facts and the summary, before the first row; then the rows with their findings.
        Console.Error.WriteLine($"before the first row (explainer facts, summary query): {watch.Elapsed.TotalSeconds:N1} s");
        long rows = 0;
        await foreach (var row in content.Sheets[0].Rows)
        {
            rows += row.Length > 0 ? 1 : 0;
        }
        return rows;
    }

    // The same credential columns the workbook shows, joined the same way, in the order the database keeps them.
    internal const string Query = """
        SELECT c."Name", c."Kind", c."State", i."Name", i."Environment", s."DisplayName", s."IsActive", t."Name", c."Store", c."Fingerprint",
               c."IssuedUtc", c."ExpiresUtc", c."LastRotatedUtc", c."LastUsedUtc", c."IsDynamic", cs."Score"
        FROM "Credentials" c
        LEFT JOIN "CredentialScores" cs ON cs."CredentialId" = c."Id"
        LEFT JOIN "Identities" i ON c."IdentityId" = i."Id"
        LEFT JOIN "StaffMembers" s ON i."OwnerId" = s."Id"
        LEFT JOIN "Teams" t ON i."TeamId" = t."Id"
        """;

    private static async Task<long> BareReadAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = Query;
        await using var reader = await command.ExecuteReaderAsync();
        long rows = 0;
        var values = new object?[16];
        while (await reader.ReadAsync())
        {
            Read(reader, values);
            rows++;
        }
        return rows;
    }

    private static void Read(SqliteDataReader reader, object?[] values)
    {
        for (var i = 0; i < 16; i++)
        {
            values[i] = reader.IsDBNull(i) ? null : i switch
            {
                6 or 14 => reader.GetBoolean(i),
                10 or 11 or 12 or 13 => reader.GetDateTime(i),
                15 => reader.GetInt32(i),
                _ => reader.GetString(i),
            };
        }
    }

    /// <summary>The floor: the rows as they come from the reader, typed cells, no checksum, no cover, split at Excel's limit.</summary>
    private static long BareWrite(string connectionString, Stream output)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Query;
        using var reader = command.ExecuteReader();
        using var package = Package.Open(output, FileMode.Create, FileAccess.Write);
        const string main = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
        var values = new object?[16];
        long rows = 0;
        var sheets = 0;
        var more = reader.Read();
        while (more || sheets == 0)
        {
            sheets++;
            var sheet = package.CreatePart(new Uri($"/xl/worksheets/sheet{sheets}.xml", UriKind.Relative), main + "worksheet+xml", CompressionOption.Normal);
            using var stream = sheet.GetStream(FileMode.Create, FileAccess.Write);
            using var writer = OpenXmlWriter.Create(stream);
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            for (var inSheet = 0; more && inSheet < 1_048_575; inSheet++, more = reader.Read())
            {
                Read(reader, values);
                rows++;
                writer.WriteStartElement(new Row());
                foreach (var value in values)
                {
                    switch (value)
                    {
                        case null:
                            writer.WriteElement(new Cell());
                            break;
                        case string s:
                            writer.WriteStartElement(new Cell(), [new OpenXmlAttribute("t", null!, "inlineStr")]);
                            writer.WriteStartElement(new InlineString());
                            writer.WriteElement(new Text(s));
                            writer.WriteEndElement();
                            writer.WriteEndElement();
                            break;
                        case DateTime d:
                            writer.WriteStartElement(new Cell(), [new OpenXmlAttribute("s", null!, "1")]);
                            writer.WriteElement(new CellValue(d.ToOADate().ToString("R", CultureInfo.InvariantCulture)));
                            writer.WriteEndElement();
                            break;
                        case bool b:
                            writer.WriteStartElement(new Cell(), [new OpenXmlAttribute("t", null!, "b")]);
                            writer.WriteElement(new CellValue(b ? "1" : "0"));
                            writer.WriteEndElement();
                            break;
                        default:
                            writer.WriteStartElement(new Cell());
                            writer.WriteElement(new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!));
                            writer.WriteEndElement();
                            break;
                    }
                }
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        var styles = package.CreatePart(new Uri("/xl/styles.xml", UriKind.Relative), main + "styles+xml", CompressionOption.Normal);
        using (var stream = styles.GetStream(FileMode.Create, FileAccess.Write))
        {
            new Stylesheet(
                new NumberingFormats(new NumberingFormat { NumberFormatId = 200, FormatCode = "yyyy-mm-dd hh:mm:ss" }) { Count = 1 },
                new Fonts(new Font()) { Count = 1 }, new Fills(new Fill(new PatternFill { PatternType = PatternValues.None })) { Count = 1 },
                new Borders(new Border()) { Count = 1 }, new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 200, ApplyNumberFormat = true }) { Count = 2 })
                .Save(stream);
        }
        var workbook = package.CreatePart(new Uri("/xl/workbook.xml", UriKind.Relative), main + "sheet.main+xml", CompressionOption.Normal);
        using (var stream = workbook.GetStream(FileMode.Create, FileAccess.Write))
        {
            new Workbook(new Sheets(Enumerable.Range(1, sheets).Select(n => new Sheet { Name = n == 1 ? "Credentials" : $"Credentials ({n})", SheetId = (uint)n, Id = $"rId{n}" })))
                .Save(stream);
        }
        package.CreateRelationship(workbook.Uri, TargetMode.Internal, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "rId1");
        for (var n = 1; n <= sheets; n++)
        {
            workbook.CreateRelationship(new Uri($"worksheets/sheet{n}.xml", UriKind.Relative), TargetMode.Internal,
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", $"rId{n}");
        }
        workbook.CreateRelationship(new Uri("styles.xml", UriKind.Relative), TargetMode.Internal,
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles", "rIdStyles");
        return rows;
    }
}
