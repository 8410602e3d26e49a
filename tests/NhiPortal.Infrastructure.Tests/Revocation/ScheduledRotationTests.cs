using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Revocation;
using NhiPortal.Tests.Shared;

namespace NhiPortal.Infrastructure.Tests.Revocation;

public class ScheduledRotationTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task ADueDatabasePassword_IsRotatedUnattended_DeliveredToTheSecretStore_AndTheHistoryKept()
    {
        var oldPassword = await postgres.Server.CreateLoginRoleAsync("svc_sched_due");
        var freshPassword = await postgres.Server.CreateLoginRoleAsync("svc_sched_fresh");
        var delivery = Directory.CreateTempSubdirectory("nhiportal-delivery-").FullName;
        await using var registry = await TestConnectors.PostgresAsync(postgres.Server, "pg-sched", deliveryDirectory: delivery);
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        var now = database.Clock.GetUtcNow().UtcDateTime;
        Guid due, fresh;
        await using (var db = database.CreateDbContext())
        {
            var identity = await db.Identities.Where(i => i.Environment == DeploymentEnvironment.Production).Select(i => i.Id).FirstAsync();
            // Production passwords rotate every 60 days under the default policy.
            var dueCredential = Password(identity, "svc_sched_due", oldPassword, now.AddDays(-61));
            var freshCredential = Password(identity, "svc_sched_fresh", freshPassword, now.AddDays(-10));
            db.Credentials.AddRange(dueCredential, freshCredential);
            await db.SaveChangesAsync();
            (due, fresh) = (dueCredential.Id, freshCredential.Id);
        }
        await using var portal = new TestPortal(database, registry);
        var run = portal.Get<ScheduledRotationRun>();

        Assert.Equal((1, 0), await run.RotateDueAsync());
        Assert.Equal((0, 0), await run.RotateDueAsync());

        var delivered = await File.ReadAllTextAsync(Path.Combine(delivery, "svc_sched_due"));
        Assert.Null(await postgres.Server.TryConnectAsync("svc_sched_due", delivered));
        Assert.NotNull(await postgres.Server.TryConnectAsync("svc_sched_due", oldPassword));
        Assert.Null(await postgres.Server.TryConnectAsync("svc_sched_fresh", freshPassword));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(delivery, "svc_sched_due")));
        }
        await using var check = database.CreateDbContext();
        Assert.Equal(CredentialState.Rotated, (await check.Credentials.SingleAsync(c => c.Id == due)).State);
        var successor = await check.Credentials.SingleAsync(c => c.PredecessorId == due);
        Assert.Equal((CredentialState.Active, Fingerprint.OfSecret(delivered)), (successor.State, successor.Fingerprint));
        Assert.Equal(CredentialState.Active, (await check.Credentials.SingleAsync(c => c.Id == fresh)).State);
        var rotated = await check.AuditEvents.SingleAsync(a => a.Type == AuditEventTypes.Credential.Rotated && a.TargetId == AuditWriter.TargetKey(due));
        Assert.Equal("system:scheduled-rotation", rotated.Actor);
        Assert.DoesNotContain(delivered, rotated.AfterJson + rotated.Summary, StringComparison.Ordinal);
        Directory.Delete(delivery, recursive: true);
    }

    private static Credential Password(Guid identity, string role, string password, DateTime issued) => new()
    {
        Name = role, Kind = CredentialKind.Password, IdentityId = identity, Purpose = "test", Store = "pg-sched", StoreReference = role,
        Fingerprint = Fingerprint.OfSecret(password), IssuedUtc = issued,
    };
}
