using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Hygiene;

namespace NhiPortal.Infrastructure.Data;

/// <summary>The database steps before the host listens (<c>PrepareNhiDatabaseAsync</c>) and the explicit <c>migrate</c> command.</summary>
public static class DatabaseStartup
{
    /// <summary>Migrates the database and, when <c>DemoData:Enabled</c>, seeds a new one. Runs before the host listens.</summary>
    public static async Task PrepareNhiDatabaseAsync(this IHost host, CancellationToken ct = default)
    {
        var services = host.Services;
        var settings = services.GetRequiredService<DatabaseSettings>();
        var config = services.GetRequiredService<IConfiguration>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("NhiPortal.Database");
        var chainKey = services.GetRequiredService<AuditChainKey>();
        logger.LogInformation("Audit chain keyed with key {KeyId} from {KeySource}; chain heads are published to {HeadsFile}",
            chainKey.KeyId, chainKey.Source, services.GetRequiredService<AuditHeadsFile>().Path);
        await using var db = await services.GetRequiredService<IDbContextFactory<NhiPortalDbContext>>().CreateDbContextAsync(ct);
        if (settings.MigrateOnStartup)
        {
            await db.Database.MigrateAsync(ct);
        }
        else if ((await db.Database.GetPendingMigrationsAsync(ct)).ToList() is { Count: > 0 } pending)
        {
            // Fail closed: a schema behind this build fails query by query, in front of people.
            throw new InvalidOperationException($"The database lacks {pending.Count} migration(s) of this build (the first: {pending[0]}). " +
                "Run the migrate step first (`dotnet NhiPortal.Web.dll migrate` with the same settings), or set Database:MigrateOnStartup=true.");
        }
        if (db.Database.IsSqlite())
        {
            // Readers never wait for the writer, and the setting stays with the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        if (config.GetValue("DemoData:Enabled", false))
        {
            var size = config.GetSection("DemoData:Size").Get<SyntheticOrganisationSize>() ?? SyntheticOrganisationSize.Demo;
            if (await services.GetRequiredService<DemoDataSeeder>().SeedIfEmptyAsync(db, size, ct))
            {
                logger.LogInformation("Seeded the demo organisation: {Identities} identities, {Credentials} credentials",
                    size.Identities, size.Credentials);
            }
        }
        if (!await db.HygieneSnapshots.AnyAsync(ct) && await db.Credentials.AnyAsync(ct))
        {
            // The first start scores what is there, so no page ever shows a grade-less inventory.
            await services.GetRequiredService<HygieneRescorer>().RescoreAllAsync(ct: ct);
        }
    }

    /// <summary>
    /// The explicit migration step of an upgrade (<c>NhiPortal.Web migrate</c>): applies the pending migrations, says
    /// what it did and returns the exit code. Nothing listens and no job starts.
    /// </summary>
    public static async Task<int> MigrateNhiDatabaseAsync(this IHost host, TextWriter output, CancellationToken ct = default)
    {
        var settings = host.Services.GetRequiredService<DatabaseSettings>();
        try
        {
            await using var db = await host.Services.GetRequiredService<IDbContextFactory<NhiPortalDbContext>>().CreateDbContextAsync(ct);
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count == 0)
            {
                await output.WriteLineAsync($"The {settings.Provider} database is current: every migration of this build is applied.");
                return 0;
            }
            await output.WriteLineAsync($"Applying {pending.Count} migration(s) to the {settings.Provider} database: {string.Join(", ", pending)}");
            await db.Database.MigrateAsync(ct);
            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
            await output.WriteLineAsync($"Applied {pending.Count} migration(s); the database is current.");
            return 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The provider's message names what failed (a login, a lock, a statement); the connection string is not echoed.
            await output.WriteLineAsync($"Migrating the {settings.Provider} database failed: {ex.Message}");
            return 1;
        }
    }
}
