using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NhiPortal.Core.Outbox;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Tests.Data;

/// <summary>What <c>/health/ready</c> adds to "the database answers": migrations current, follow-ups not stalled.</summary>
public class ReadinessChecksTests
{
    [Fact]
    public async Task Migrations_AllApplied_AreReady_OneMissing_IsNotReadyAndNamesIt()
    {
        await using var current = await TestDatabase.CreateMigratedAsync();
        Assert.Equal(HealthStatus.Healthy, (await new MigrationsHealthCheck(current).CheckHealthAsync(new HealthCheckContext())).Status);

        await using var behind = await TestDatabase.CreateMigratedAsync();
        await using (var db = behind.CreateDbContext())
        {
            // The last migration unrecorded: what the history of a database an older build left behind says (on
            // PostgreSQL, whose history has one migration, there is no earlier one to migrate back to).
            var last = db.Database.GetMigrations().Last();
            Assert.Equal(1, await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {last}"));
        }
        var result = await new MigrationsHealthCheck(behind).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        await using var check = behind.CreateDbContext();
        Assert.Contains(check.Database.GetMigrations().Last(), result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowUps_DueLongerThanTheStallLimit_AreNotReady_DoneOrRecentlyDueOnesAre()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var now = database.Clock.GetUtcNow().UtcDateTime;
        var check = new OutboxHealthCheck(database, database.Clock);
        await using (var db = database.CreateDbContext())
        {
            db.Outbox.Add(Row(now - TimeSpan.FromHours(1), completed: now - TimeSpan.FromMinutes(59)));
            db.Outbox.Add(Row(now - TimeSpan.FromMinutes(1), completed: null));
            await db.SaveChangesAsync();
        }
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        await using (var db = database.CreateDbContext())
        {
            db.Outbox.Add(Row(now - OutboxHealthCheck.StalledAfter - TimeSpan.FromSeconds(1), completed: null));
            await db.SaveChangesAsync();
        }
        var stalled = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, stalled.Status);
        Assert.Contains("stalled", stalled.Description, StringComparison.Ordinal);
    }

    private static OutboxMessage Row(DateTime due, DateTime? completed) => new()
    {
        Type = "hygiene.rescore",
        OccurredUtc = due,
        Actor = "test",
        SubjectType = "Identity",
        PayloadJson = "{}",
        NextAttemptUtc = due,
        CompletedUtc = completed,
    };
}
