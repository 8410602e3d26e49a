using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Feed;

/// <summary>
/// Adds the destinations named in <c>Feed:Destinations</c> at start, or brings a stored one of that name back to its
/// configured settings, as the system actor <c>system:feed</c> (audited like a person's change). The cursor and counts
/// are never touched; a destination added on the page and not in configuration is left alone.
/// </summary>
public sealed class FeedDestinationSeeder(IDbContextFactory<NhiPortalDbContext> dbFactory, FeedDestinationWriter writer, FeedConfiguration configuration)
{
    private static readonly PortalUser Actor = PortalUser.System("feed", "the configuration Feed:Destinations", Capability.ManageFeed);

    public async Task<int> SeedAsync(CancellationToken ct)
    {
        var changed = 0;
        foreach (var input in configuration.Destinations)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var stored = await db.FeedDestinations.AsNoTracking().SingleOrDefaultAsync(d => d.Name == input.Name, ct);
            if (stored is not null && FeedDestinationWriter.Matches(stored, input))
            {
                continue;
            }
            await writer.SaveAsync(Actor, stored is null ? input : input with { Id = stored.Id, Version = stored.Version }, ct);
            changed++;
        }
        return changed;
    }
}
