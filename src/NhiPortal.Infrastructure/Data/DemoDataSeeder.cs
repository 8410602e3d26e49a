using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Audit;

namespace NhiPortal.Infrastructure.Data;

/// <summary>Fills a new, empty database with the synthetic demo organisation, audited like any import.</summary>
public sealed class DemoDataSeeder(AuditWriter audit, TimeProvider clock)
{
    private static readonly PortalUser Seeder = PortalUser.System("demo-data");

    /// <summary>Returns false (and changes nothing) when the database already holds identities.</summary>
    public async Task<bool> SeedIfEmptyAsync(NhiPortalDbContext db, SyntheticOrganisationSize size, CancellationToken ct = default)
    {
        if (await db.Identities.AnyAsync(ct) || await db.Credentials.AnyAsync(ct))
        {
            return false;
        }
        var data = SyntheticOrganisation.Generate(size, clock.GetUtcNow().UtcDateTime);
        var correlation = $"demo-seed-{clock.GetUtcNow():yyyyMMddHHmmss}";
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Teams.AddRange(data.Teams);
        db.StaffMembers.AddRange(data.Staff);
        db.Identities.AddRange(data.Identities);
        db.Credentials.AddRange(data.Credentials);
        foreach (var identity in data.Identities)
        {
            audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.Created, Seeder, "Identity",
                AuditWriter.TargetKey(identity.Id), $"{identity.Name} created from demo data", correlationId: correlation);
        }
        foreach (var credential in data.Credentials)
        {
            audit.Append(db, AuditStream.Credential, AuditEventTypes.Credential.Imported, Seeder, "Credential",
                AuditWriter.TargetKey(credential.Id), $"{credential.Kind} {credential.Name} imported (fingerprint {credential.Fingerprint.Short})",
                correlationId: correlation);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
