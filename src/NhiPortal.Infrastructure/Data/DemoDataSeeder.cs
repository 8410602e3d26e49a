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
        // Each team's lead: its first active member by name (reviews fall back to the lead when an owner is gone).
        var leads = await db.StaffMembers.Where(s => s.IsActive && s.TeamId != null)
            .GroupBy(s => s.TeamId).Select(g => new { TeamId = g.Key!.Value, Lead = g.OrderBy(s => s.DisplayName).Select(s => s.Id).First() })
            .ToListAsync(ct);
        // Each member's manager is their team's lead, and the leads report to the first administrator: the second
        // step of a review's escalation (a lead's own NHIs go from the lead, who is their owner, to the administrator).
        var head = await db.StaffMembers.Where(s => s.Subject == "demo-admin").Select(s => (Guid?)s.Id).SingleOrDefaultAsync(ct);
        foreach (var lead in leads)
        {
            await db.Teams.Where(t => t.Id == lead.TeamId).ExecuteUpdateAsync(s => s.SetProperty(t => t.LeadId, lead.Lead), ct);
            await db.StaffMembers.Where(s => s.TeamId == lead.TeamId && s.Id != lead.Lead).ExecuteUpdateAsync(s => s.SetProperty(m => m.ManagerId, lead.Lead), ct);
            await db.StaffMembers.Where(s => s.Id == lead.Lead && s.Id != head).ExecuteUpdateAsync(s => s.SetProperty(m => m.ManagerId, head), ct);
        }
        return true;
    }
}
