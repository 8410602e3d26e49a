using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Import;
using NhiPortal.Infrastructure.Import;

namespace NhiPortal.Infrastructure.Tests.Import;

public class ImportServiceTests
{
    private const string Staff = "Subject,DisplayName,Email,Team,Status\ns-ada,Ada Owner,ada@example.org,Payments,Active\ns-bo,Bo Owner,bo@example.org,Payments,Active\n";

    private const string Identities =
        "ExternalId,Name,Kind,Purpose,Environment,SourceSystem,OwnerEmail,Team,Entitlements\n" +
        "ext-1,svc-ledger,ServiceAccount,Posts to the ledger,Production,aws-iam,ada@example.org,Payments,ledger:write;queue:read\n" +
        "ext-2,svc-reports,Workload,Builds reports,Staging,k8s,bo@example.org,Data,\n" +
        "ext-3,svc-broken,Robot,Bad kind,Production,k8s,,,\n";

    private static ImportService Service(TestDatabase database, MemoryCache cache, string subject = "op", params PortalRole[] roles) =>
        TestPortal.For(database).Create<ImportService>(FixedCurrentUser.As(subject, roles.Length == 0 ? [PortalRole.SecurityOperator] : roles), cache);

    private static Stream Csv(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    private static async Task<ImportResult> ImportAsync(ImportService service, ImportKind kind, string csv)
    {
        var preview = await service.PreviewAsync(kind, $"{kind}.csv", Csv(csv));
        return await service.ApplyAsync(preview.Id);
    }

    [Fact]
    public async Task Preview_WritesNothing_ApplyWritesValidRowsWithAuditEvents_AndReimportChangesNothing()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var service = Service(database, cache);
        await ImportAsync(service, ImportKind.Staff, Staff);

        var preview = await service.PreviewAsync(ImportKind.Identities, "identities.csv", Csv(Identities));
        await using (var before = database.CreateDbContext())
        {
            Assert.Equal(0, await before.Identities.CountAsync());
        }
        Assert.Equal((2, 1), (preview.Plan.ToCreate, preview.Plan.RowsWithErrors));
        Assert.Equal(["Data"], preview.Plan.NewTeams);

        var applied = await service.ApplyAsync(preview.Id);
        var again = await ImportAsync(service, ImportKind.Identities, Identities);

        Assert.Equal((2, 0), (applied.Created, applied.Updated));
        Assert.Equal((0, 0, 2), (again.Created, again.Updated, again.Unchanged));
        await using var db = database.CreateDbContext();
        var ledger = await db.Identities.Include(i => i.Owner).Include(i => i.Team).SingleAsync(i => i.ExternalId == "ext-1");
        Assert.Equal(("Ada Owner", "Payments"), (ledger.Owner!.DisplayName, ledger.Team!.Name));
        Assert.Equal(["ledger:write", "queue:read"], ledger.Entitlements);
        Assert.Equal(2, await db.AuditEvents.CountAsync(a => a.Stream == AuditStream.Identity && a.Type == AuditEventTypes.Identity.Imported));
        Assert.Equal(3, await db.AuditEvents.CountAsync(a => a.Type == AuditEventTypes.Access.ImportApplied));
    }

    [Fact]
    public async Task Apply_ChangedRow_UpdatesWithBeforeAndAfter()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var service = Service(database, cache);
        await ImportAsync(service, ImportKind.Staff, Staff);
        await ImportAsync(service, ImportKind.Identities, Identities);

        var result = await ImportAsync(service, ImportKind.Identities, Identities.Replace("ada@example.org", "bo@example.org", StringComparison.Ordinal));

        Assert.Equal((0, 1), (result.Created, result.Updated));
        await using var db = database.CreateDbContext();
        var update = await db.AuditEvents.SingleAsync(a => a.Type == AuditEventTypes.Identity.Updated);
        Assert.NotNull(update.BeforeJson);
        Assert.NotEqual(update.BeforeJson, update.AfterJson);
        // The owner changed, not the access: no entitlement event.
        Assert.Equal(0, await db.AuditEvents.CountAsync(a => a.Type == AuditEventTypes.Identity.EntitlementsChanged));
    }

    [Fact]
    public async Task Apply_ChangedEntitlements_WritesAnEntitlementsChangedEvent_NamingWhatWasGainedAndLost()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var service = Service(database, cache);
        await ImportAsync(service, ImportKind.Staff, Staff);
        await ImportAsync(service, ImportKind.Identities, Identities);

        await ImportAsync(service, ImportKind.Identities, Identities.Replace("ledger:write;queue:read", "ledger:admin;queue:read", StringComparison.Ordinal));

        await using var db = database.CreateDbContext();
        var change = await db.AuditEvents.SingleAsync(a => a.Type == AuditEventTypes.Identity.EntitlementsChanged);
        Assert.StartsWith("svc-ledger: gained ledger:admin; lost ledger:write", change.Summary, StringComparison.Ordinal);
        Assert.Equal(AuditStream.Identity, change.Stream);
    }

    [Fact]
    public async Task Apply_StaffMarkedLeft_OrphansWhatTheyOwnInTheSameImport()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var service = Service(database, cache);
        await ImportAsync(service, ImportKind.Staff, Staff);
        await ImportAsync(service, ImportKind.Identities, Identities);

        var result = await ImportAsync(service, ImportKind.Staff, Staff.Replace("Payments,Active\ns-bo", "Payments,Left\ns-bo", StringComparison.Ordinal));

        Assert.Equal(1, result.Updated);
        await using var db = database.CreateDbContext();
        Assert.False((await db.StaffMembers.SingleAsync(s => s.Subject == "s-ada")).IsActive);
        Assert.Contains(await db.AuditEvents.Select(a => a.Type).ToListAsync(), t => t == AuditEventTypes.Identity.Orphaned);
    }

    [Fact]
    public async Task Apply_ByAnotherUser_OrAfterTheDataChanged_IsRefusedAndWritesNothing()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        using var cache = new MemoryCache(new MemoryCacheOptions());
        await ImportAsync(Service(database, cache), ImportKind.Staff, Staff);
        var preview = await Service(database, cache).PreviewAsync(ImportKind.Identities, "i.csv", Csv(Identities));

        await Assert.ThrowsAsync<NotFoundException>(() => Service(database, cache, "someone-else").ApplyAsync(preview.Id));
        await ImportAsync(Service(database, cache), ImportKind.Identities, Identities);
        await Assert.ThrowsAsync<ValidationException>(() => Service(database, cache).ApplyAsync(preview.Id));

        await using var db = database.CreateDbContext();
        Assert.Equal(2, await db.Identities.CountAsync());
    }

    [Fact]
    public async Task Preview_WithoutImportRole_IsRefused()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        using var cache = new MemoryCache(new MemoryCacheOptions());

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Service(database, cache, "aud", PortalRole.Auditor).PreviewAsync(ImportKind.Staff, "s.csv", Csv(Staff)));
    }

    [Fact]
    public async Task Template_CsvAndXlsx_ReadBackAsAValidImportLayout()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var service = Service(database, cache);

        foreach (var kind in Enum.GetValues<ImportKind>())
        {
            foreach (var format in Enum.GetValues<TemplateFormat>())
            {
                var template = await service.TemplateAsync(kind, format);
                var table = ImportFileReader.Read(template.FileName, template.Content);
                Assert.Equal(ImportLayout.For(kind).Select(c => c.Name), table.Headers);
                Assert.Single(table.Rows);
            }
        }
    }
}
