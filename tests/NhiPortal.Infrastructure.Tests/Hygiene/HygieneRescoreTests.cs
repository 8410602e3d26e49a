using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Hygiene;
using NhiPortal.Infrastructure.Hygiene;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Tests.Hygiene;

public class HygieneRescoreTests
{
    private static async Task<TestDatabase> SeededAsync()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        return database;
    }

    private static IHygieneService Service(TestDatabase db, string subject, params PortalRole[] roles) => TestPortal.For(db).As<IHygieneService>(subject, roles);

    private static async Task<Dictionary<Guid, int?>> ScoresAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        return await db.Credentials.ToDictionaryAsync(c => c.Id, c => c.HygieneScore);
    }

    // Outside 0-100: no path could write it as a score.
    private const int Scrambled = -1;

    private static async Task ScrambleAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        await db.Database.ExecuteSqlAsync($"UPDATE \"CredentialScores\" SET \"Score\" = {Scrambled}");
        await db.Database.ExecuteSqlAsync($"UPDATE \"Identities\" SET \"HygieneScore\" = {Scrambled}");
    }

    private static async Task<Dictionary<Guid, int?>> IdentityScoresAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        return await db.Identities.ToDictionaryAsync(i => i.Id, i => i.HygieneScore);
    }

    [Fact]
    public async Task RescoreAll_InDatabaseAndSetBasedPaths_WriteTheSameScores_AndMatchTheScorer()
    {
        await using var database = await SeededAsync();
        var rescorer = new HygieneRescorer(database, database.Clock);

        // Each path starts from the same wrong scores, inactive credentials included: it has to write every one.
        await ScrambleAsync(database);
        var fast = await rescorer.RescoreAllAsync();
        var fastScores = await ScoresAsync(database);
        var fastIdentities = await IdentityScoresAsync(database);
        await ScrambleAsync(database);
        var neutral = await rescorer.RescoreAllAsync(forceNeutralPath: true);
        var neutralScores = await ScoresAsync(database);

        Assert.Equal(fast.Credentials, neutral.Credentials);
        Assert.Equal(fast.OrganisationScore, neutral.OrganisationScore);
        Assert.Equal(fastScores, neutralScores);
        Assert.Equal(fastIdentities, await IdentityScoresAsync(database));
        Assert.Contains(fastScores.Values, s => s is not null and not Scrambled);
        await using var db = database.CreateDbContext();
        Assert.True(await db.Credentials.AllAsync(c => (c.State == CredentialState.Active) == (c.HygieneScore != null)));
        Assert.True(await db.Credentials.AnyAsync(c => c.State != CredentialState.Active));
        Assert.True(await db.Identities.AllAsync(i => i.HygieneScore != null && i.HygieneScore != Scrambled));
        Assert.Equal(2, await db.HygieneSnapshots.CountAsync());
        var identity = await db.Identities.Where(i => i.Credentials.Any(c => c.State == CredentialState.Active)).Select(i => i.Id).FirstAsync();
        var (identityScore, explained) = await Service(database, "a", PortalRole.Auditor).ExplainIdentityAsync(identity);
        foreach (var credential in explained)
        {
            Assert.Equal(neutralScores[credential.CredentialId], credential.Score.Score);
            Assert.Equal(Math.Max(0, 100 - credential.Score.Findings.Sum(f => f.Penalty)), credential.Score.Score);
        }
        Assert.Equal((await db.Identities.SingleAsync(i => i.Id == identity)).HygieneScore, identityScore!.Score);
    }

    [Fact]
    public async Task SavePolicy_IsVersionedAudited_AndChangesGrades()
    {
        await using var database = await SeededAsync();
        var admin = Service(database, "demo-admin", PortalRole.Administrator);
        await admin.RescoreAsync();
        var before = await ScoresAsync(database);
        var strict = HygienePolicy.Default with { StaleDays = 1, ExpiryWarningDays = 200 };

        var version = await admin.SavePolicyAsync(strict, "Tighten staleness after the incident review");
        await TestPortal.For(database).DrainAsync();

        var after = await ScoresAsync(database);
        Assert.Equal(2, version);
        Assert.True(after.Count(kv => kv.Value < before[kv.Key]) > 100, "a stricter policy lowers many scores");
        Assert.DoesNotContain(after, kv => kv.Value > before[kv.Key]);
        await using var db = database.CreateDbContext();
        var audit = await db.AuditEvents.SingleAsync(a => a.Type == AuditEventTypes.Access.PolicyChanged);
        Assert.Contains("\"StaleDays\":90", audit.BeforeJson!, StringComparison.Ordinal);
        Assert.Contains("\"StaleDays\":1", audit.AfterJson!, StringComparison.Ordinal);
        Assert.Equal(1, (await admin.GetPolicyAsync()).Policy.StaleDays);
    }

    [Fact]
    public async Task SavePolicy_ByANonAdministratorOrInvalid_IsRefusedAndNothingChanges()
    {
        await using var database = await SeededAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Service(database, "demo-operator", PortalRole.SecurityOperator).SavePolicyAsync(HygienePolicy.Default, "why not"));
        await Assert.ThrowsAsync<ValidationException>(() =>
            Service(database, "demo-admin", PortalRole.Administrator).SavePolicyAsync(HygienePolicy.Default with { StaleDays = 0 }, "broken"));

        await using var db = database.CreateDbContext();
        Assert.Equal(0, await db.HygienePolicyVersions.CountAsync());
    }

    [Fact]
    public async Task Dashboard_ReadsTheLatestSnapshot_ForTheOrganisation_AndOwnSliceForAReviewer()
    {
        await using var database = await SeededAsync();
        var result = await new HygieneRescorer(database, database.Clock).RescoreAllAsync();

        var org = await Service(database, "a", PortalRole.Auditor).GetDashboardAsync();
        var own = await Service(database, "demo-reviewer", PortalRole.Reviewer).GetDashboardAsync();

        Assert.Equal(result.OrganisationScore, org.OrganisationScore);
        Assert.Equal(result.Credentials, org.Grades.Values.Sum());
        Assert.Equal(result.Credentials, org.StaticCredentials + org.DynamicCredentials);
        Assert.Equal(result.Credentials, org.Teams.Sum(t => t.Credentials));
        Assert.NotEmpty(org.Categories);
        Assert.Equal(10, org.WorstIdentities.Count);
        Assert.Equal(org.WorstIdentities.OrderBy(w => w.Score).Select(w => w.Score), org.WorstIdentities.Select(w => w.Score));
        Assert.InRange(own.ScoredCredentials, 1, result.Credentials - 1);
        Assert.Empty(own.Teams);
    }

    [Fact]
    public async Task JobLease_SecondHolderIsRefusedUntilTheLeaseExpires()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();

        Assert.True(await JobLeases.TryAcquireAsync(database, "job", "one", TimeSpan.FromMinutes(5), database.Clock, default));
        Assert.False(await JobLeases.TryAcquireAsync(database, "job", "two", TimeSpan.FromMinutes(5), database.Clock, default));
        Assert.True(await JobLeases.TryAcquireAsync(database, "job", "one", TimeSpan.FromMinutes(5), database.Clock, default));
        database.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.True(await JobLeases.TryAcquireAsync(database, "job", "two", TimeSpan.FromMinutes(5), database.Clock, default));
    }

    [Fact]
    public async Task JobLease_EightInstancesRacing_ExactlyOneWins_BothForANewLeaseAndAnExpiredOne()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();

        foreach (var round in new[] { "new", "expired" })
        {
            var start = new TaskCompletionSource();
            var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            {
                await start.Task;
                return (Holder: $"{round}-{i}", Won: await JobLeases.TryAcquireAsync(database, "race", $"{round}-{i}", TimeSpan.FromMinutes(5), database.Clock, default));
            })).ToArray();
            start.SetResult();
            var results = await Task.WhenAll(attempts);

            var winner = Assert.Single(results, r => r.Won);
            await using var db = database.CreateDbContext();
            Assert.Equal(winner.Holder, (await db.JobLeases.SingleAsync(l => l.Name == "race")).Holder);
            database.Clock.Advance(TimeSpan.FromMinutes(6));
        }
    }
}
