using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Leaks;
using NhiPortal.Infrastructure.Connectors;
using NhiPortal.Infrastructure.Revocation;

namespace NhiPortal.Infrastructure.Tests.Leaks;

/// <summary>A seeded portal with an instant connector named <see cref="Store"/>, and helpers to give an owned identity a credential.</summary>
internal sealed record LeakHarness(TestDatabase Database, TestPortal Portal, Guid OwnerId, string OwnerSubject) : IAsyncDisposable
{
    public const string Store = "leak-store";

    public static async Task<LeakHarness> CreateAsync()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await using var db = database.CreateDbContext();
        // As their sign-ins would have stored them: operators are found by the roles on their staff row.
        await db.StaffMembers.Where(s => s.Subject == "demo-operator").ExecuteUpdateAsync(u => u.SetProperty(s => s.PortalRoles, "SecurityOperator"));
        await db.StaffMembers.Where(s => s.Subject == "demo-admin").ExecuteUpdateAsync(u => u.SetProperty(s => s.PortalRoles, "Administrator"));
        var owner = await db.StaffMembers.Where(s => s.IsActive && !s.Subject.StartsWith("demo-")).OrderBy(s => s.Subject).Select(s => new { s.Id, s.Subject }).FirstAsync();
        var portal = new TestPortal(database, new ConnectorRegistry([new InstantConnector(Store)]));
        return new LeakHarness(database, portal, owner.Id, owner.Subject);
    }

    public DateTime Now => Database.Clock.GetUtcNow().UtcDateTime;

    public ILeakIntake Operator => Portal.As<ILeakIntake>("demo-operator", PortalRole.SecurityOperator);

    public ILeakQueries Queries => Portal.As<ILeakQueries>("demo-auditor", PortalRole.Auditor);

    public RevocationExecutor Executor => Portal.Get<RevocationExecutor>();

    /// <summary>A new identity owned by <see cref="OwnerId"/> in <paramref name="environment"/>, with one credential fingerprinted from <paramref name="value"/>.</summary>
    public async Task<(Guid IdentityId, Guid CredentialId)> CredentialAsync(DeploymentEnvironment environment, string value, string store = Store,
        CredentialState state = CredentialState.Active)
    {
        await using var db = Database.CreateDbContext();
        var identity = new NonHumanIdentity
        {
            Name = $"svc-leak-{Guid.NewGuid():N}"[..20], Kind = IdentityKind.ServiceAccount, Purpose = "leak test", Environment = environment,
            SourceSystem = "test", OwnerId = OwnerId, CreatedUtc = Now.AddDays(-30),
        };
        var credential = new Credential
        {
            Name = identity.Name + "-key", Kind = CredentialKind.ApiKey, IdentityId = identity.Id, Purpose = "leak test", Store = store,
            StoreReference = identity.Name, Fingerprint = Fingerprint.OfSecret(value), IssuedUtc = Now.AddDays(-10), State = state,
        };
        db.Identities.Add(identity);
        db.Credentials.Add(credential);
        await db.SaveChangesAsync();
        return (identity.Id, credential.Id);
    }

    /// <summary>
    /// Every byte the database holds, for a scan: on SQLite its files (the main file and any journal); on PostgreSQL
    /// every row of every table as text.
    /// </summary>
    public byte[] FileBytes()
    {
        if (!Database.IsSqlite)
        {
            using var db = Database.CreateDbContext();
            var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct();
            // Table names come from the model, not from input.
#pragma warning disable EF1002
            return System.Text.Encoding.UTF8.GetBytes(string.Join('\n', tables.SelectMany(t =>
                db.Database.SqlQueryRaw<string>($"SELECT t::text AS \"Value\" FROM \"{t}\" AS t").ToList())));
#pragma warning restore EF1002
        }
        var path = new SqliteConnectionStringBuilder(Database.Settings.ConnectionString).DataSource;
        SqliteConnection.ClearAllPools();
        return Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*").SelectMany(File.ReadAllBytes).ToArray();
    }

    public async Task<Guid> StaffIdAsync(string subject)
    {
        await using var db = Database.CreateDbContext();
        return await db.StaffMembers.Where(s => s.Subject == subject).Select(s => s.Id).SingleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Database.DisposeAsync();
    }
}
