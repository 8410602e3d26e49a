using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Reports;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Reports;
using Npgsql;

namespace NhiPortal.Benchmarks;

/// <summary>
/// The credential hygiene export on PostgreSQL: the portal's background export job writing the CSV (every credential
/// with its findings, the cover's checksum) beside the server's own COPY ... TO STDOUT of the same joined columns
/// into a file, the fastest way out of PostgreSQL, without findings.
/// </summary>
internal static class PostgresExportBenchmark
{
    public static async Task RunAsync(DatabaseSettings settings, string connectionString)
    {
        var output = Path.Combine(Path.GetTempPath(), $"nhiportal-pg-export-{Guid.NewGuid():N}.csv");
        var watch = Stopwatch.StartNew();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            using var reader = await connection.BeginTextExportAsync($"COPY ({ExportHygieneBenchmark.Query}) TO STDOUT (FORMAT CSV, HEADER)");
            await using var file = new StreamWriter(output);
            var buffer = new char[1 << 16];
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, read));
            }
        }
        var bare = watch.Elapsed.TotalSeconds;
        var bareSize = new FileInfo(output).Length;
        File.Delete(output);

        var exports = Directory.CreateTempSubdirectory("nhiportal-pg-exports-").FullName;
        try
        {
            await using var services = ExportHygieneBenchmark.Services(settings, new ReportOptions { ExportDirectory = exports });
            using var scope = services.CreateScope();
            watch.Restart();
            var requested = await scope.ServiceProvider.GetRequiredService<IReportExports>().RequestAsync(new ReportRequest(ReportKind.CredentialHygiene, ReportFormat.Csv));
            await services.GetRequiredService<ReportExportJob>().RunDueAsync(CancellationToken.None);
            var portal = watch.Elapsed.TotalSeconds;
            var done = (await scope.ServiceProvider.GetRequiredService<IReportExports>().ListMineAsync()).Single(e => e.Id == requested.Id);
            var size = Directory.GetFiles(exports).Sum(f => new FileInfo(f).Length);
            Console.WriteLine($"Credential hygiene export: bare COPY TO {bare:F1} s ({bareSize / 1048576.0:N0} MiB, no findings); " +
                $"portal CSV job {portal:F1} s ({done.State}, {done.RowsWritten:N0} rows, {size / 1048576.0:N0} MiB with findings), {portal / bare:F2}x bare");
        }
        finally
        {
            Directory.Delete(exports, recursive: true);
        }
    }
}
