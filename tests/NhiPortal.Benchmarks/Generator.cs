using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Benchmarks;

/// <summary>Builds a synthetic organisation of any size into a new SQLite file, through the portal's own migrations and loader.</summary>
internal static class Generator
{
    public static async Task RunAsync(string path, SyntheticOrganisationSize size, bool perRecordAudit = false)
    {
        if (File.Exists(path))
        {
            throw new InvalidOperationException($"{path} exists; the generator only writes a new database.");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.GetFullPath(path)}", true);
        await using var db = new NhiPortalDbContext(DbContextOptionsFactory.Create(settings));
        var watch = Stopwatch.StartNew();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        var loader = new SyntheticOrganisationLoader(new AuditWriter(TimeProvider.System, AuditChainKey.CreateRandom()), TimeProvider.System);
        var result = await loader.LoadAsync(db, size, perRecordAudit: perRecordAudit);
        await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        Console.WriteLine($"Generated {result.Identities:N0} identities, {result.Credentials:N0} credentials, {result.Staff:N0} staff, " +
            $"{result.Teams:N0} teams ({(perRecordAudit ? "an audit event per record" : "one audit event per stream")}) in {result.Elapsed.TotalSeconds:N1} s; with migrations and ANALYZE " +
            $"{watch.Elapsed.TotalSeconds:N1} s (rows {loader.Phases?.Insert.TotalSeconds:N1} s, index rebuild {loader.Phases?.Indexes.TotalSeconds:N1} s); file {new FileInfo(path).Length / 1024.0 / 1024.0:N0} MiB: {path}");
    }
}
