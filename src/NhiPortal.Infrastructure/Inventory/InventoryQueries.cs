using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Ownership;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Inventory;

/// <summary>
/// Grid queries that stay fast at a million identities: filters and sort run in SQL on indexed columns, the count
/// is one COUNT(*) over the same filter, and per-row credential figures are correlated subqueries on the page only.
/// </summary>
public sealed class InventoryQueries(
    IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock) : IInventoryQueries
{
    private const int HistoryLimit = 200;

    public async Task<int> GetAttestationWindowDaysAsync(CancellationToken ct = default)
    {
        (await currentUser.GetAsync()).Demand(Capability.ViewInventory);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await Hygiene.HygienePolicyStore.CurrentAsync(db, ct)).AttestationDays;
    }

    public async Task<Page<IdentityRow>> QueryIdentitiesAsync(IdentityFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        var scope = user.Demand(Capability.ViewInventory);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Filter(db, db.Identities.AsNoTracking(), filter, scope, user);
        var total = page.CountTotal ? await query.CountAsync(ct) : -1;
        if (page.After is { } after)
        {
            // Identity names are unique, so the name alone is the key. Its bound comes first in the SQL: SQLite takes the
            // first lower bound it meets on an index column, and a search prefix's would make it walk from the prefix.
            var keyset = Filter(db, db.Identities.AsNoTracking().Where(i => i.Name.CompareTo(after.Name) > 0), filter, scope, user)
                .OrderBy(i => i.Name).Take(page.SafeTake);
            return new Page<IdentityRow>(await ToRows(keyset).ToListAsync(ct), total);
        }
        var rows = await ToRows(Sort(query, page)
            .Skip(page.SafeSkip).Take(page.SafeTake)).ToListAsync(ct);
        return new Page<IdentityRow>(rows, total);
    }

    public async Task<IdentityDetail> GetIdentityAsync(Guid id, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        var scope = user.Demand(Capability.ViewInventory);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var identities = db.Identities.AsNoTracking().ScopedTo(scope, user).Where(i => i.Id == id);
        // An identity outside the caller's scope is reported exactly like one that does not exist.
        var row = await ToRows(identities).SingleOrDefaultAsync(ct) ?? throw new NotFoundException($"Identity {id}");
        var extra = await identities.Select(i => new
            {
                i.Purpose, i.SourceSystem, i.ExternalId, i.Entitlements, OwnerEmail = i.Owner!.Email, OwnerSubject = i.Owner!.Subject,
                i.DiscoveredBy, i.DiscoveredUtc, i.GoneFromSourceUtc, i.OwnerHint, i.EndsUtc,
                Proposed = db.StaffMembers.Where(s => s.Id == i.ProposedOwnerId).Select(s => s.DisplayName).FirstOrDefault(),
                LastUsedNote = db.Credentials.Where(c => c.IdentityId == i.Id && c.ExternalId != null && c.LastUsedNote != null).Select(c => c.LastUsedNote).FirstOrDefault(),
            })
            .SingleAsync(ct);
        var credentials = await CredentialPages.AllAsync(db, db.Credentials.AsNoTracking().Where(c => c.IdentityId == id)
            .OrderBy(c => c.State).ThenBy(c => c.Name), ct);

        var identityKey = AuditWriter.TargetKey(id);
        var credentialKeys = credentials.Select(c => AuditWriter.TargetKey(c.Id)).ToList();
        var identityHistory = await ToRows(db.AuditEvents.AsNoTracking()
            .Where(a => a.Stream == AuditStream.Identity && a.TargetType == "Identity" && a.TargetId == identityKey)).ToListAsync(ct);
        var credentialHistory = await ToRows(db.AuditEvents.AsNoTracking()
            .Where(a => a.Stream == AuditStream.Credential && a.TargetType == "Credential" && credentialKeys.Contains(a.TargetId!))).ToListAsync(ct);
        return new IdentityDetail(row, extra.Purpose, extra.SourceSystem, extra.ExternalId, extra.Entitlements, extra.OwnerEmail,
            extra.OwnerSubject == user.Subject, credentials, identityHistory, credentialHistory,
            extra.DiscoveredBy is null ? null : new Core.Discovery.DiscoveryFacts(extra.DiscoveredBy, extra.DiscoveredUtc, extra.GoneFromSourceUtc, extra.OwnerHint, extra.Proposed, extra.LastUsedNote))
        {
            EndsUtc = extra.EndsUtc,
        };
    }

    public async Task<Page<CredentialRow>> QueryCredentialsAsync(CredentialFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        var scope = user.Demand(Capability.ViewInventory);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = db.Credentials.AsNoTracking();
        if (page.After is { } after)
        {
            // Names repeat (every identity's "client secret"), so the id breaks ties; the name's bound comes first, as above.
            all = all.Where(c => c.Name.CompareTo(after.Name) >= 0 && !(c.Name == after.Name && c.Id.CompareTo(after.Id) <= 0));
        }
        var scoped = all.ScopedTo(scope, user);
        var now = clock.GetUtcNow().UtcDateTime;
        var query = CredentialFilters.Apply(scoped, filter, now, likely: false);
        if (page.After is not null)
        {
            // A cursor walk is never counted: the total would have to ignore the cursor's bound.
            return new Page<CredentialRow>(await CredentialPages.SortedAsync(db, query, page with { Skip = 0, SortBy = CredentialSort.Name, Descending = false }, ct), -1);
        }
        var total = page.CountTotal ? await query.CountAsync(ct) : -1;
        if (db.Database.IsSqlite() && await CredentialFilters.MatchMostAsync(scoped, query, total, page, ct))
        {
            query = CredentialFilters.Apply(scoped, filter, now, likely: true);
        }
        return new Page<CredentialRow>(await CredentialPages.SortedAsync(db, query, page, ct), total);
    }

    public async Task<IReadOnlyList<TeamOption>> GetTeamsAsync(CancellationToken ct = default)
    {
        (await currentUser.GetAsync()).Demand(Capability.ViewInventory);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new TeamOption(t.Id, t.Name, t.IsDissolved)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<StaffOption>> SearchStaffAsync(string? term, bool activeOnly, int take = 20, CancellationToken ct = default)
    {
        (await currentUser.GetAsync()).Demand(Capability.ViewInventory);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var staff = db.StaffMembers.AsNoTracking();
        if (activeOnly)
        {
            staff = staff.Where(s => s.IsActive);
        }
        if (!string.IsNullOrWhiteSpace(term))
        {
            staff = Matching(db, staff, term.Trim());
        }
        return await staff.OrderBy(s => s.DisplayName).Take(Math.Clamp(take, 1, 100))
            .Select(s => new StaffOption(s.Id, s.DisplayName, s.Email, s.Team!.Name, s.IsActive)).ToListAsync(ct);
    }

    public async Task<Page<StaffRow>> QueryStaffAsync(string? search, bool? active, PageRequest page, CancellationToken ct = default)
    {
        (await currentUser.GetAsync()).Demand(Capability.ViewInventory);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var staff = db.StaffMembers.AsNoTracking();
        if (active is { } isActive)
        {
            staff = staff.Where(s => s.IsActive == isActive);
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            var t = search.Trim();
            staff = Matching(db, staff, t, subject: t);
        }
        var total = await staff.CountAsync(ct);
        var rows = await staff.OrderBy(s => s.DisplayName).ThenBy(s => s.Id).Skip(page.SafeSkip).Take(page.SafeTake)
            .Select(s => new StaffRow(s.Id, s.Subject, s.DisplayName, s.Email, s.Team!.Name, s.IsActive, s.LastSignInUtc,
                db.Identities.Count(i => i.OwnerId == s.Id))
            {
                ManagerName = db.StaffMembers.Where(m => m.Id == s.ManagerId).Select(m => m.DisplayName).FirstOrDefault(),
                LeadsTeam = s.Team != null && s.Team.LeadId == s.Id,
            })
            .ToListAsync(ct);
        return new Page<StaffRow>(rows, total);
    }

    internal static IQueryable<NonHumanIdentity> Filter(NhiPortalDbContext db, IQueryable<NonHumanIdentity> query, IdentityFilter filter, AccessScope scope, PortalUser user)
    {
        query = query.ScopedTo(scope, user);
        if (filter.OwnedByCaller)
        {
            query = query.Where(OwnedBy.Identity(user.ScopeSubject));
        }
        if (filter.Kind is { } kind)
        {
            query = query.Where(i => i.Kind == kind);
        }
        if (filter.Environment is { } environment)
        {
            query = query.Where(i => i.Environment == environment);
        }
        if (filter.TeamId is { } teamId)
        {
            query = query.Where(i => i.TeamId == teamId);
        }
        if (filter.OwnerId is { } ownerId)
        {
            query = query.Where(i => i.OwnerId == ownerId);
        }
        if (filter.State is { } state)
        {
            query = query.Where(i => i.LifecycleState == state);
        }
        if (filter.Shared is { } shared)
        {
            query = query.Where(i => i.IsShared == shared);
        }
        if (filter.BreakGlass is { } breakGlass)
        {
            query = query.Where(i => i.IsBreakGlass == breakGlass);
        }
        if (filter.VendorManaged is { } vendor)
        {
            query = query.Where(i => i.IsVendorManaged == vendor);
        }
        if (filter.OrphansOnly)
        {
            query = query.Where(OrphanRules.IsOrphan(db.StaffMembers, db.Teams));
        }
        if (filter.Grade is { } grade)
        {
            var (low, high) = HygieneGrades.Range(grade);
            query = query.Where(i => i.HygieneScore >= low && i.HygieneScore < high);
        }
        if (PrefixRange(filter.Search) is var (from, to))
        {
            // A NOCASE range on the name index; LIKE 'x%' would need the same collation and no ESCAPE to use it.
            query = query.Where(i => i.Name.CompareTo(from) >= 0 && i.Name.CompareTo(to) < 0);
        }
        return query;
    }

    internal static IQueryable<NonHumanIdentity> Sort(IQueryable<NonHumanIdentity> query, PageRequest page) => (page.SortBy, page.Descending) switch
    {
        (IdentitySort.Kind, false) => query.OrderBy(i => i.Kind).ThenBy(i => i.Name),
        (IdentitySort.Kind, true) => query.OrderByDescending(i => i.Kind).ThenBy(i => i.Name),
        (IdentitySort.Environment, false) => query.OrderBy(i => i.Environment).ThenBy(i => i.Name),
        (IdentitySort.Environment, true) => query.OrderByDescending(i => i.Environment).ThenBy(i => i.Name),
        (IdentitySort.Created, false) => query.OrderBy(i => i.CreatedUtc).ThenBy(i => i.Name),
        (IdentitySort.Created, true) => query.OrderByDescending(i => i.CreatedUtc).ThenBy(i => i.Name),
        (IdentitySort.LastActivity, false) => query.OrderBy(i => i.LastActivityUtc).ThenBy(i => i.Name),
        (IdentitySort.LastActivity, true) => query.OrderByDescending(i => i.LastActivityUtc).ThenBy(i => i.Name),
        (IdentitySort.LastAttested, false) => query.OrderBy(i => i.LastAttestedUtc).ThenBy(i => i.Name),
        (IdentitySort.LastAttested, true) => query.OrderByDescending(i => i.LastAttestedUtc).ThenBy(i => i.Name),
        (IdentitySort.Score, false) => query.OrderBy(i => i.HygieneScore).ThenBy(i => i.Name),
        (IdentitySort.Score, true) => query.OrderByDescending(i => i.HygieneScore).ThenBy(i => i.Name),
        (_, true) => query.OrderByDescending(i => i.Name),
        _ => query.OrderBy(i => i.Name),
    };

    internal static IQueryable<IdentityRow> ToRows(IQueryable<NonHumanIdentity> query) => query.Select(RowProjection);

    private static readonly Expression<Func<NonHumanIdentity, IdentityRow>> RowProjection = i => new IdentityRow(
        i.Id, i.Name, i.Kind, i.Environment, i.LifecycleState, i.PrivilegeLevel,
        i.Team != null ? i.Team.Name : null, i.Team != null && i.Team.IsDissolved,
        i.OwnerId, i.Owner != null ? i.Owner.DisplayName : null, i.Owner != null && i.Owner.IsActive,
        i.IsShared, i.IsBreakGlass, i.IsVendorManaged, i.CreatedUtc, i.LastActivityUtc, i.LastAttestedUtc,
        i.Credentials.Count(c => c.State == CredentialState.Active),
        i.Credentials.Where(c => c.State == CredentialState.Active).Min(c => (DateTime?)c.IssuedUtc),
        i.HygieneScore) { Version = i.Version };

    private static IQueryable<AuditEventRow> ToRows(IQueryable<AuditEvent> query) => query.OrderByDescending(a => a.Id).Take(HistoryLimit)
        .Select(a => new AuditEventRow(a.Id, a.Stream, a.Type, a.OccurredUtc, a.Actor, a.TargetType, a.TargetId, a.Summary, a.CorrelationId));

    /// <summary>[term, term + U+FFFF): every name that starts with the term.</summary>
    // A name or e-mail containing the term (or, with a subject, that exact subject), without case on every provider,
    // wildcards taken literally. LIKE is case-insensitive on SQLite and SQL Server (string.Contains is not, on SQLite:
    // instr). PostgreSQL refuses LIKE on the case-insensitive (non-deterministic) name collation, so there the name is
    // compared under the database's default collation with ILIKE.
    private static IQueryable<StaffMember> Matching(NhiPortalDbContext db, IQueryable<StaffMember> staff, string term, string? subject = null)
    {
        var pattern = "%" + term.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal).Replace("[", @"\[", StringComparison.Ordinal) + "%";
        return db.Database.IsNpgsql()
            ? staff.Where(s => EF.Functions.ILike(EF.Functions.Collate(s.DisplayName, "default"), pattern, @"\")
                || (s.Email != null && EF.Functions.ILike(s.Email, pattern, @"\")) || s.Subject == subject)
            : staff.Where(s => EF.Functions.Like(s.DisplayName, pattern, @"\")
                || (s.Email != null && EF.Functions.Like(s.Email, pattern, @"\")) || s.Subject == subject);
    }

    internal static (string From, string To)? PrefixRange(string? search) =>
        string.IsNullOrWhiteSpace(search) ? null : (search.Trim(), search.Trim() + '\uffff');
}
