using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>The items of campaigns' earlier stages of some identities, as separation of duties reads them: one query for the start and the decisions.</summary>
internal static class EarlierStages
{
    /// <summary>One earlier item: its stage, everyone who took part in it (<see cref="StageSeparation.People"/>), and whether it was critical.</summary>
    public sealed record Participation(int Stage, IReadOnlyList<Guid> People, bool Critical);

    public static async Task<ILookup<(Guid Campaign, Guid Identity), Participation>> ForAsync(NhiPortalDbContext db, IReadOnlyCollection<Guid> campaigns,
        IReadOnlyCollection<Guid> identities, int beforeStage, CancellationToken ct)
    {
        if (campaigns.Count == 0 || beforeStage <= 1)
        {
            return Array.Empty<Participation>().ToLookup(_ => (Guid.Empty, Guid.Empty));
        }
        var rows = await db.ReviewItems.AsNoTracking().Where(i => campaigns.Contains(i.CampaignId) && identities.Contains(i.IdentityId) && i.Stage < beforeStage)
            .Select(i => new { i.CampaignId, i.IdentityId, i.Stage, i.ReviewerId, i.DelegatedFromId, i.DecidedById, i.Critical }).ToListAsync(ct);
        return rows.ToLookup(r => (r.CampaignId, r.IdentityId), r => new Participation(r.Stage, StageSeparation.People(r.ReviewerId, r.DelegatedFromId, r.DecidedById), r.Critical));
    }
}
