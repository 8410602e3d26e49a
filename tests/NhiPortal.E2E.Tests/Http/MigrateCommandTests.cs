using Microsoft.Data.Sqlite;

namespace NhiPortal.E2E.Tests.Http;

/// <summary>
/// Migrating is an explicit step outside Development (<c>NhiPortal.Web migrate</c>), run once per upgrade; an
/// instance that does not migrate at start refuses a database behind its build instead of failing query by query.
/// </summary>
public class MigrateCommandTests
{
    [Fact]
    public async Task Migrate_OnANewFile_AppliesEveryMigration_ASecondRunFindsItCurrent_AndAPortalThatDoesNotMigrateStartsReady()
    {
        await using var portal = new PortalProcess();
        var environment = portal.Environment("Development");
        environment["Database__MigrateOnStartup"] = "false";

        Assert.Equal(0, await portal.RunAsync(environment, "migrate"));
        Assert.Contains("Applied", portal.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", portal.Output, StringComparison.Ordinal);
        var applied = await AppliedMigrationsAsync(portal.DatabasePath);
        Assert.True(applied > 10, $"{applied} migrations recorded");
        portal.Stop();

        Assert.Equal(0, await portal.RunAsync(environment, "migrate"));
        Assert.Contains("is current", portal.Output, StringComparison.Ordinal);
        Assert.Equal(applied, await AppliedMigrationsAsync(portal.DatabasePath));
        portal.Stop();

        await portal.StartAsync(environment);
        using var http = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
        Assert.Equal("Healthy", await http.GetStringAsync("/health/ready"));
    }

    [Fact]
    public async Task Start_WithoutMigratingAtStart_OnAnUnmigratedFile_RefusesNamingTheMigrateStep()
    {
        await using var portal = new PortalProcess();
        var environment = portal.Environment("Development");
        environment["Database__MigrateOnStartup"] = "false";

        var exitCode = await portal.StartExpectingExitAsync(environment);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Run the migrate step first", portal.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", portal.Output, StringComparison.Ordinal);
    }

    private static async Task<long> AppliedMigrationsAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"__EFMigrationsHistory\"";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
