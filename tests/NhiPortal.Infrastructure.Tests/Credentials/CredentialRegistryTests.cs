using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Infrastructure.Audit;

namespace NhiPortal.Infrastructure.Tests.Credentials;

public class CredentialRegistryTests(SeededDatabaseFixture fixture) : IClassFixture<SeededDatabaseFixture>
{
    private TestDatabase Database => fixture.Database;

    private ICredentialRegistry Registry(string subject, PortalRole role) => TestPortal.For(Database).As<ICredentialRegistry>(subject, role);

    private async Task<Guid> ActiveIdentityAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.Identities.Where(i => i.LifecycleState == Core.Inventory.IdentityLifecycleState.Active).Select(i => i.Id).FirstAsync();
    }

    private ManualCredentialDraft Draft(Guid identity, string name) => new()
    {
        IdentityId = identity, Name = name, Kind = CredentialKind.ApiKey, Purpose = "Posts build status to the partner portal",
        Store = "saas:partner", StoreReference = "https://partner.example/settings/keys#build-bot",
        Fingerprint = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        IssuedUtc = Database.Clock.GetUtcNow().UtcDateTime.AddDays(-10), ExpiresUtc = Database.Clock.GetUtcNow().UtcDateTime.AddDays(5),
    };

    [Fact]
    public async Task Register_StoresTheCredentialWithItsIssuedEvent_AndScoresIt()
    {
        var identity = await ActiveIdentityAsync();

        var id = await Registry("demo-operator", PortalRole.SecurityOperator).RegisterAsync(Draft(identity, "partner-portal-key"));
        // The score follows through the outbox, committed with the credential.
        await TestPortal.For(Database).DrainAsync();

        await using var db = Database.CreateDbContext();
        var credential = await db.Credentials.SingleAsync(c => c.Id == id);
        Assert.Equal(identity, credential.IdentityId);
        Assert.NotNull(credential.HygieneScore);
        var issued = await db.AuditEvents.SingleAsync(a => a.TargetId == AuditWriter.TargetKey(id));
        Assert.Equal((AuditStream.Credential, AuditEventTypes.Credential.Issued, "demo-operator"), (issued.Stream, issued.Type, issued.Actor));
        // Only the short form of the fingerprint reaches the audit log.
        Assert.DoesNotContain("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", issued.AfterJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_ASecretInsteadOfAReference_IsRefusedByField_AndNothingIsWritten()
    {
        var identity = await ActiveIdentityAsync();
        var draft = Draft(identity, "pasted-secret") with { StoreReference = "ghp_" + "aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5", Fingerprint = "not hex" };

        var ex = await Assert.ThrowsAsync<CredentialValidationException>(() => Registry("demo-admin", PortalRole.Administrator).RegisterAsync(draft));

        Assert.Contains("StoreReference", ex.Errors.Keys);
        Assert.Contains("Fingerprint", ex.Errors.Keys);
        await using var db = Database.CreateDbContext();
        Assert.False(await db.Credentials.AnyAsync(c => c.Name == "pasted-secret"));
    }

    [Fact]
    public async Task Register_ByAReviewer_IsRefused()
    {
        var identity = await ActiveIdentityAsync();
        await Assert.ThrowsAsync<AccessDeniedException>(() => Registry("demo-reviewer", PortalRole.Reviewer).RegisterAsync(Draft(identity, "reviewer-key")));
    }

    [Fact]
    public async Task UpdateTracking_RecordsTheRenewedExpiry_WithBeforeAndAfter()
    {
        var identity = await ActiveIdentityAsync();
        var registry = Registry("demo-operator", PortalRole.SecurityOperator);
        var id = await registry.RegisterAsync(Draft(identity, "renewed-key"));
        var renewed = Database.Clock.GetUtcNow().UtcDateTime.Date.AddDays(90);

        await registry.UpdateTrackingAsync(new CredentialTrackingUpdate(id, renewed, null, "CHG-1042 renewed with the partner"));
        await Assert.ThrowsAsync<ValidationException>(() => registry.UpdateTrackingAsync(new CredentialTrackingUpdate(id, renewed.AddDays(1), null, "")));

        await using var db = Database.CreateDbContext();
        Assert.Equal(renewed, (await db.Credentials.SingleAsync(c => c.Id == id)).ExpiresUtc);
        var updated = await db.AuditEvents.SingleAsync(a => a.TargetId == AuditWriter.TargetKey(id) && a.Type == AuditEventTypes.Credential.Updated);
        Assert.Contains("CHG-1042", updated.Summary, StringComparison.Ordinal);
        Assert.NotNull(updated.BeforeJson);
    }
}
