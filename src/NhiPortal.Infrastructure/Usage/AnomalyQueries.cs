using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Usage;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Usage;

/// <summary>Flags for the anomalies page, the identity page and the dashboard, cut to the caller's scope: a Reviewer sees their own identities' flags only.</summary>
public sealed class AnomalyQueries(IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock) : IAnomalyQueries
{
    public async Task<Page<AnomalyRow>> QueryAsync(AnomalyFilter filter, int skip, int take, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        var scope = user.Demand(Capability.ViewInventory);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var flags = Scoped(db, scope, user);
        if (filter.Status is { } status)
        {
            flags = flags.Where(f => f.Status == status);
        }
        if (filter.Severity is { } severity)
        {
            flags = flags.Where(f => f.Severity == severity);
        }
        if (filter.Rule is { } rule)
        {
            flags = flags.Where(f => f.Rule == rule);
        }
        if (filter.IdentityId is { } identity)
        {
            flags = flags.Where(f => f.IdentityId == identity);
        }
        if (filter.CredentialId is { } credential)
        {
            flags = flags.Where(f => f.CredentialId == credential);
        }
        var total = await flags.CountAsync(ct);
        var rows = await flags.OrderByDescending(f => f.DetectedUtc).ThenBy(f => f.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, PageRequest.MaxTake))
            .Select(f => new AnomalyRow(f.Id, f.CredentialId, db.Credentials.Where(c => c.Id == f.CredentialId).Select(c => c.Name).FirstOrDefault() ?? "(unknown)",
                f.IdentityId, db.Identities.Where(i => i.Id == f.IdentityId).Select(i => i.Name).FirstOrDefault(), f.Rule, f.Severity, f.OwaspCategory, f.Explanation,
                f.EvidenceJson, f.ObservedUtc, f.DetectedUtc, f.Status, f.ResolvedBy, f.ResolutionReason, f.RevocationRunId))
            .ToListAsync(ct);
        return new Page<AnomalyRow>(rows, total);
    }

    public async Task<AnomalyCounts> GetCountsAsync(CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        var scope = user.Demand(Capability.ViewInventory);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var flags = Scoped(db, scope, user);
        var open = await flags.Where(f => f.Status == AnomalyStatus.Open).GroupBy(f => f.Severity).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-30);
        var detected = await flags.Where(f => f.DetectedUtc >= since).Select(f => new { f.DetectedUtc, f.ObservedUtc }).ToListAsync(ct);
        var bySeverity = Enum.GetValues<AnomalySeverity>().ToDictionary(s => s, s => open.FirstOrDefault(o => o.Key == s)?.Count ?? 0);
        TimeSpan? mttd = detected.Count == 0 ? null
            : TimeSpan.FromSeconds(detected.Average(d => Math.Max(0, (d.DetectedUtc - d.ObservedUtc).TotalSeconds)));
        return new AnomalyCounts(bySeverity, mttd, detected.Count);
    }

    private static IQueryable<AnomalyFlag> Scoped(NhiPortalDbContext db, AccessScope scope, PortalUser user) =>
        scope == AccessScope.OwnIdentities
            ? db.AnomalyFlags.AsNoTracking().Where(f => db.Identities.Any(i => i.Id == f.IdentityId && i.Owner!.Subject == user.ScopeSubject))
            : db.AnomalyFlags.AsNoTracking();
}
