using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Ownership;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Audit;

public sealed class AuditLogQueries(
    IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, AuditChainSealer sealer, AuditChainVerifier verifier, AuditWriter audit,
    TimeProvider clock) : IAuditLog
{
    /// <summary>
    /// An unfiltered cursor read stops before a gap in the ids younger than this (by the event's time: the reader keeps no
    /// state), so a poller does not step past an event a longer transaction on a server database has not committed yet.
    /// </summary>
    public static readonly TimeSpan CursorGapWait = TimeSpan.FromSeconds(60);

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        var scope = user.Demand(Capability.ViewAudit);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = db.AuditEvents.AsNoTracking();
        if (scope == AccessScope.OwnIdentities)
        {
            // A reviewer sees what they did and what happened to identities they own.
            // Target keys are upper-case (AuditWriter.TargetKey); PostgreSQL writes a uuid as text in lower case.
            var owned = db.Identities.Where(OwnedBy.Identity(user.ScopeSubject)).Select(i => i.Id.ToString().ToUpper());
            rows = rows.Where(a => a.Actor == user.Subject || (a.TargetType == "Identity" && owned.Contains(a.TargetId!)));
        }
        if (query.Stream is { } stream)
        {
            rows = rows.Where(a => a.Stream == stream);
        }
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var actor = query.Actor.Trim();
            rows = rows.Where(a => a.Actor == actor);
        }
        if (!string.IsNullOrWhiteSpace(query.Target))
        {
            var target = query.Target.Trim();
            var key = Guid.TryParse(target, out var id) ? AuditWriter.TargetKey(id) : target;
            rows = rows.Where(a => a.TargetId == key || a.TargetId == target);
        }
        if (query.FromUtc is { } from)
        {
            rows = rows.Where(a => a.OccurredUtc >= from);
        }
        if (query.ToUtc is { } to)
        {
            rows = rows.Where(a => a.OccurredUtc < to);
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            rows = rows.Where(a => a.Actor.Contains(term) || a.Type.Contains(term) || (a.Summary != null && a.Summary.Contains(term)));
        }
        if (query.AfterId is { } after)
        {
            var next = await Rows(rows.Where(a => a.Id > after).OrderBy(a => a.Id).Take(Math.Clamp(query.Take, 1, 500))).ToListAsync(ct);
            return new AuditPage(query.Stream is null && query.Actor is null && query.Target is null && query.FromUtc is null && query.ToUtc is null && query.Search is null
                ? next.Take(Core.Feed.FeedGapRule.Deliverable(after, next.Select(r => (r.Id, r.OccurredUtc)).ToList(), clock.GetUtcNow().UtcDateTime, CursorGapWait)).ToList()
                : next, -1);
        }
        var total = await rows.CountAsync(ct);
        var page = await Rows(rows.OrderByDescending(a => a.Id)
            .Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 500))).ToListAsync(ct);
        return new AuditPage(page, total);
    }

    private static IQueryable<AuditEventRow> Rows(IQueryable<AuditEvent> events) =>
        events.Select(a => new AuditEventRow(a.Id, a.Stream, a.Type, a.OccurredUtc, a.Actor, a.TargetType, a.TargetId, a.Summary, a.CorrelationId));

    public async Task<ChainVerification> VerifyChainAsync(CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        if (user.Demand(Capability.ViewAudit) != AccessScope.Everything)
        {
            throw new AccessDeniedException(user, Capability.ViewAudit);
        }
        await sealer.SealAsync(ct);
        var result = await verifier.VerifyAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        audit.Append(db, AuditStream.Access, AuditEventTypes.Access.ChainVerified, user, "AuditLog", null, result.Describe(),
            null, new { result.Intact, result.CheckedEvents, Problems = result.Problems.Take(20).Select(p => $"{p.Stream} #{p.Sequence}: {p.Problem}") });
        await db.SaveChangesAsync(ct);
        return result;
    }
}
