using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Usage;
using NhiPortal.Infrastructure.Usage;

namespace NhiPortal.Infrastructure.Tests.Usage;

/// <summary>A seeded portal with one active, owned credential to send usage for, on the fake clock.</summary>
internal sealed record UsageHarness(TestDatabase Database, TestPortal Portal, Guid CredentialId, Guid IdentityId, string OwnerSubject, string Store, string Reference)
    : IAsyncDisposable
{
    public static async Task<UsageHarness> CreateAsync()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await using var db = database.CreateDbContext();
        var c = await db.Credentials.Where(c => c.State == CredentialState.Active && c.Identity!.LifecycleState == IdentityLifecycleState.Active
                && c.Identity.Owner != null && c.Identity.Owner.IsActive)
            .Select(c => new { c.Id, IdentityId = c.IdentityId!.Value, c.Identity!.Owner!.Subject, c.Store, c.StoreReference }).FirstAsync();
        return new UsageHarness(database, new TestPortal(database), c.Id, c.IdentityId, c.Subject, c.Store, c.StoreReference);
    }

    public DateTime Now => Database.Clock.GetUtcNow().UtcDateTime;

    public IUsageIngest Ingest => Portal.Get<IUsageIngest>();

    public UsageEvaluation Evaluation => Portal.Get<UsageEvaluation>();

    public IAnomalyTriage Operator => Portal.As<IAnomalyTriage>("demo-operator", PortalRole.SecurityOperator);

    public Task<UsageIngestResult> UseAsync(string address, int count = 1, DateTime? at = null, Guid? credentialId = null) =>
        Ingest.IngestAsync([new UsageEvent { CredentialId = credentialId ?? CredentialId, TimeUtc = at ?? Now, SourceAddress = address, Count = count, Target = "db1" }], "test-log");

    /// <summary>Daily use from one address for the given days, evaluated each day, ending at the clock's time.</summary>
    public async Task LearnAsync(int days, string address = "10.0.0.5", int perDay = 20)
    {
        for (var d = 0; d < days; d++)
        {
            await UseAsync(address, perDay);
            await Evaluation.EvaluateAsync();
            Database.Clock.Advance(TimeSpan.FromDays(1));
        }
    }

    public async Task<List<AnomalyFlag>> FlagsAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.AnomalyFlags.AsNoTracking().Where(f => f.CredentialId == CredentialId).OrderBy(f => f.DetectedUtc).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Database.DisposeAsync();
    }
}
