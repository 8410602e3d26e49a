using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Discovery;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Discovery;

/// <summary>Reads for the Sources page and the discovered orphans (organisation-wide: operators, administrators, auditors).</summary>
public sealed class SourceCatalog(IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, DiscoverySourceRegistry sources, TimeProvider clock)
    : ISourceCatalog
{
    public async Task<IReadOnlyList<SourceRow>> GetSourcesAsync(CancellationToken ct = default)
    {
        (await currentUser.GetAsync()).Demand(Capability.OverseeOrganisation);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var states = await db.DiscoverySources.AsNoTracking().ToDictionaryAsync(s => s.Name, StringComparer.OrdinalIgnoreCase, ct);
        var counts = await db.Identities.Where(i => i.DiscoveredBy != null)
            .GroupBy(i => i.DiscoveredBy!)
            .Select(g => new { Source = g.Key, All = g.Count(), Unowned = g.Count(i => i.OwnerId == null), Gone = g.Count(i => i.GoneFromSourceUtc != null) })
            .ToDictionaryAsync(c => c.Source, StringComparer.OrdinalIgnoreCase, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return sources.All.Select(source =>
        {
            var settings = sources.SettingsFor(source.Name)!;
            var state = states.GetValueOrDefault(source.Name);
            var count = counts.GetValueOrDefault(source.Name);
            return new SourceRow(source.Name, source.Kind, source.Location, source.Environment.ToString(), settings.Interval,
                state?.LastAttemptUtc, state?.LastSuccessUtc, state?.LastStatus, state?.LastError,
                SourceRow.StaleAt(now, settings.Interval, state?.LastSuccessUtc, state?.LastStatus), state?.SyncRequestedUtc is not null,
                count?.All ?? 0, count?.Unowned ?? 0, count?.Gone ?? 0);
        }).ToList();
    }

    public async Task<IReadOnlyList<DiscoveryRunRow>> GetRunsAsync(string? source, int take = 20, CancellationToken ct = default)
    {
        (await currentUser.GetAsync()).Demand(Capability.OverseeOrganisation);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.DiscoveryRuns.AsNoTracking();
        if (source is { Length: > 0 })
        {
            query = query.Where(r => r.Source == source);
        }
        var runs = await query.OrderByDescending(r => r.StartedUtc).Take(Math.Clamp(take, 1, 200)).ToListAsync(ct);
        return runs.Select(r => new DiscoveryRunRow(r.Id, r.Source, r.TriggeredBy, r.StartedUtc, r.EndedUtc, r.Status, r.Read, r.New, r.Changed, r.Gone,
                r.Conflicts, r.Errors, r.UsageEvents, r.Error,
                r.ObjectErrorsJson is null ? [] : JsonSerializer.Deserialize<List<ObjectError>>(r.ObjectErrorsJson) ?? []))
            .ToList();
    }

    public async Task<IReadOnlyList<ConflictRow>> GetOpenConflictsAsync(int take = 200, CancellationToken ct = default)
    {
        (await currentUser.GetAsync()).Demand(Capability.OverseeOrganisation);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.SourceConflicts.AsNoTracking().Where(c => c.ResolvedUtc == null)
            .Join(db.Identities, c => c.IdentityId, i => i.Id, (c, i) => new { c, i.Name })
            .OrderByDescending(x => x.c.Critical).ThenByDescending(x => x.c.LastObservedUtc)
            .Take(Math.Clamp(take, 1, 1000)).ToListAsync(ct);
        return rows.Select(x => new ConflictRow(x.c.Id, x.c.Source, x.c.IdentityId, x.Name, x.c.Field, x.c.PortalValue, x.c.SourceValue, x.c.Critical,
            x.c.FirstObservedUtc, x.c.LastObservedUtc)).ToList();
    }

    public async Task<Page<ProposedOwnerRow>> GetUnownedDiscoveredAsync(PageRequest request, bool proposedOnly = false, CancellationToken ct = default)
    {
        (await currentUser.GetAsync()).Demand(Capability.OverseeOrganisation);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Identities.AsNoTracking().Where(i => i.DiscoveredBy != null && i.OwnerId == null);
        if (proposedOnly)
        {
            query = query.Where(i => i.ProposedOwnerId != null);
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(i => i.Name).Skip(request.SafeSkip).Take(request.SafeTake)
            .Select(i => new ProposedOwnerRow(i.Id, i.Name, i.DiscoveredBy!, i.OwnerHint, i.ProposedOwnerId,
                db.StaffMembers.Where(s => s.Id == i.ProposedOwnerId).Select(s => s.DisplayName).FirstOrDefault(),
                i.DiscoveredUtc ?? i.CreatedUtc, i.GoneFromSourceUtc != null))
            .ToListAsync(ct);
        return new Page<ProposedOwnerRow>(rows, total);
    }
}
