using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Infrastructure.Data;

/// <summary>Fills a new, empty database with the synthetic demo organisation, audited like any import.</summary>
public sealed class DemoDataSeeder(SyntheticOrganisationLoader loader)
{
    /// <summary>Returns false (and changes nothing) when the database already holds identities or credentials.</summary>
    public async Task<bool> SeedIfEmptyAsync(NhiPortalDbContext db, SyntheticOrganisationSize size, CancellationToken ct = default)
    {
        if (await db.Identities.AnyAsync(ct) || await db.Credentials.AnyAsync(ct))
        {
            return false;
        }
        await loader.LoadAsync(db, size, ct: ct);
        return true;
    }
}
