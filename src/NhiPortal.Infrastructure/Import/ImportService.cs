using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Import;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Ownership;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Import;

public sealed class ImportService(
    IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, AuditWriter audit, TimeProvider clock, IMemoryCache cache,
    FollowUps followUps, StaffImportApplier staffRows)
    : IImportService
{
    private static readonly TimeSpan PreviewLifetime = TimeSpan.FromMinutes(30);

    private sealed record PendingImport(string Subject, ImportKind Kind, ImportTable Table, ImportPlan Plan);

    public async Task<ImportPreview> PreviewAsync(ImportKind kind, string fileName, Stream content, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.Import);
        ImportRateLimit.For(cache).Take(user.Subject, clock.GetUtcNow().UtcDateTime);
        using var buffer = new MemoryStream();
        // Read one byte past the limit so an oversized upload is reported, not silently truncated.
        await CopyAtMostAsync(content, buffer, ImportFileReader.MaxBytes + 1, ct);
        var table = ImportFileReader.Read(Path.GetFileName(fileName), buffer.ToArray());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var plan = ImportPlanner.Plan(table, kind, await ContextForAsync(db, table, ct));
        var id = Guid.NewGuid();
        ImportPreviewCache.For(cache).Keep(CacheKey(id), user.Subject, table.Rows.Count, new PendingImport(user.Subject, kind, table, plan), PreviewLifetime);
        return new ImportPreview(id, plan);
    }

    public async Task<ImportResult> ApplyAsync(Guid previewId, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.Import);
        if (!cache.TryGetValue<PendingImport>(CacheKey(previewId), out var pending) || pending is null || pending.Subject != user.Subject)
        {
            throw new NotFoundException("That import preview (it expires after 30 minutes; validate the file again)");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Planned again inside the transaction: what is applied is checked against the data as it is now.
        var plan = ImportPlanner.Plan(pending.Table, pending.Kind, await ContextForAsync(db, pending.Table, ct));
        if (plan.FileRejected)
        {
            throw new ValidationException("The file cannot be imported: " + string.Join(" ", plan.Errors.Select(e => e.Reason)));
        }
        if (plan.ToCreate != pending.Plan.ToCreate || plan.ToUpdate != pending.Plan.ToUpdate || plan.Errors.Count != pending.Plan.Errors.Count)
        {
            throw new ValidationException("The inventory changed since this file was validated; validate it again before applying.");
        }
        var correlation = $"import-{previewId:N}";
        var now = clock.GetUtcNow().UtcDateTime;
        var teams = await EnsureTeamsAsync(db, plan.NewTeams, plan.Identities.Select(i => i.TeamName).Concat(plan.Staff.Select(s => s.TeamName)), ct);
        foreach (var draft in plan.Identities.Where(d => d.Action != ImportAction.Unchanged))
        {
            await ApplyIdentityAsync(db, draft, teams, user, plan.FileName, correlation, now, ct);
        }
        foreach (var draft in plan.Credentials.Where(d => d.Action != ImportAction.Unchanged))
        {
            await ApplyCredentialAsync(db, draft, user, plan.FileName, correlation, ct);
        }
        await staffRows.ApplyAsync(db, plan.Staff, teams, user, plan.FileName, correlation, ct);
        var result = new ImportResult(plan.ToCreate, plan.ToUpdate, plan.Unchanged, plan.RowsWithErrors, plan.NewTeams, correlation);
        audit.Append(db, AuditStream.Access, AuditEventTypes.Access.ImportApplied, user, "Import", correlation,
            $"{plan.Kind} import of {plan.FileName}: {result.Created} created, {result.Updated} updated, {result.Unchanged} unchanged, " +
            $"{result.RowsWithErrors} rows with errors not applied", after: result, correlationId: correlation);
        if (result.Created + result.Updated > 0)
        {
            followUps.RescoreAll(db, user, $"{plan.Kind} import of {plan.FileName}");
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        cache.Remove(CacheKey(previewId));
        return result;
    }

    public async Task<ImportTemplate> TemplateAsync(ImportKind kind, TemplateFormat format, CancellationToken ct = default)
    {
        // The template holds no data, but the no-access rule covers every service call, not only the ones that read.
        (await currentUser.GetAsync()).Demand(Capability.Import);
        return ImportTemplateWriter.Write(kind, format);
    }

    private static string CacheKey(Guid id) => $"import-preview:{id:N}";

    private static async Task CopyAtMostAsync(Stream source, Stream target, long limit, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while (total < limit && (read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - total)), ct)) > 0)
        {
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
            total += read;
        }
    }

    private static async Task<ImportContext> ContextForAsync(NhiPortalDbContext db, ImportTable table, CancellationToken ct)
    {
        var keys = ImportPlanner.KeysOf(table);
        var identityKeys = keys.ExternalIds.Concat(keys.IdentityExternalIds).Distinct().ToList();
        var identities = new List<ExistingIdentity>();
        foreach (var chunk in identityKeys.Chunk(500))
        {
            identities.AddRange(await ExistingIdentities(db.Identities.Where(i => chunk.Contains(i.ExternalId!))).ToListAsync(ct));
        }
        var byName = new List<ExistingIdentity>();
        foreach (var chunk in keys.Names.Chunk(500))
        {
            byName.AddRange(await ExistingIdentities(db.Identities.Where(i => chunk.Contains(i.Name))).ToListAsync(ct));
        }
        var credentials = new List<ExistingCredential>();
        foreach (var chunk in keys.ExternalIds.Chunk(500))
        {
            credentials.AddRange(await db.Credentials.AsNoTracking().Where(c => chunk.Contains(c.ExternalId!))
                .Select(c => new ExistingCredential(c.Id, c.ExternalId, c.Name, c.Kind, c.IdentityId, c.Purpose, c.Store, c.StoreReference,
                    c.Fingerprint, c.IssuedUtc, c.ExpiresUtc, c.LastRotatedUtc, c.LastUsedUtc, c.IsDynamic, c.TimeToLive)).ToListAsync(ct));
        }
        var staffByEmail = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in await db.StaffMembers.AsNoTracking().WithEmailsAsync(keys.Emails, ct))
        {
            staffByEmail.TryAdd(s.Email!, s.Id);
        }
        var staff = new List<ExistingStaff>();
        foreach (var chunk in keys.Subjects.Chunk(500))
        {
            staff.AddRange(await db.StaffMembers.AsNoTracking().Where(s => chunk.Contains(s.Subject))
                .Select(s => new ExistingStaff(s.Id, s.Subject, s.DisplayName, s.Email, s.Team!.Name, s.IsActive, s.ManagerId, s.Team != null && s.Team.LeadId == s.Id)).ToListAsync(ct));
        }
        return new ImportContext
        {
            StaffIdByEmail = staffByEmail,
            StaffBySubject = staff.ToDictionary(s => s.Subject, StringComparer.Ordinal),
            IdentitiesByExternalId = identities.Where(i => i.ExternalId is not null).DistinctBy(i => i.Id).ToDictionary(i => i.ExternalId!, StringComparer.Ordinal),
            IdentitiesByName = byName.DistinctBy(i => i.Id).ToDictionary(i => i.Name, StringComparer.OrdinalIgnoreCase),
            CredentialsByExternalId = credentials.ToDictionary(c => c.ExternalId!, StringComparer.Ordinal),
            TeamNames = (await db.Teams.AsNoTracking().Select(t => t.Name).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase),
        };
    }

    private static IQueryable<ExistingIdentity> ExistingIdentities(IQueryable<NonHumanIdentity> query) => query.AsNoTracking()
        .Select(i => new ExistingIdentity(i.Id, i.ExternalId, i.Name, i.Kind, i.Purpose, i.Environment, i.SourceSystem, i.OwnerId,
            i.Team != null ? i.Team.Name : null, i.PrivilegeLevel, i.Entitlements, i.IsShared, i.IsBreakGlass, i.IsVendorManaged, i.LastActivityUtc,
            i.LifecycleState));

    private static async Task<Dictionary<string, Guid>> EnsureTeamsAsync(
        NhiPortalDbContext db, IReadOnlyList<string> newTeams, IEnumerable<string?> referenced, CancellationToken ct)
    {
        foreach (var name in newTeams)
        {
            db.Teams.Add(new Team { Name = name });
        }
        await db.SaveChangesAsync(ct);
        var wanted = referenced.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var teams = await db.Teams.AsNoTracking().Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        return teams.Where(t => wanted.Contains(t.Name, StringComparer.OrdinalIgnoreCase))
            .ToDictionary(t => t.Name, t => t.Id, StringComparer.OrdinalIgnoreCase);
    }

    private async Task ApplyIdentityAsync(NhiPortalDbContext db, IdentityDraft d, Dictionary<string, Guid> teams, PortalUser user,
        string fileName, string correlation, DateTime now, CancellationToken ct)
    {
        var teamId = d.TeamName is null ? (Guid?)null : teams[d.TeamName];
        if (d.Action == ImportAction.Create)
        {
            var identity = new NonHumanIdentity
            {
                ExternalId = d.ExternalId, Name = d.Name, Kind = d.Kind, Purpose = d.Purpose, Environment = d.Environment,
                SourceSystem = d.SourceSystem, OwnerId = d.OwnerId, TeamId = teamId, PrivilegeLevel = d.Privilege,
                Entitlements = d.Entitlements.ToList(), IsShared = d.IsShared, IsBreakGlass = d.IsBreakGlass,
                IsVendorManaged = d.IsVendorManaged, CreatedUtc = now, LastActivityUtc = d.LastActivityUtc,
            };
            db.Identities.Add(identity);
            audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.Imported, user, "Identity", AuditWriter.TargetKey(identity.Id),
                $"{d.Name} created from {fileName} (row {d.RowNumber})", after: d, correlationId: correlation);
            return;
        }
        var existing = await db.Identities.SingleAsync(i => i.Id == d.ExistingId, ct);
        var before = Snapshot(existing);
        var entitlements = EntitlementDiff.Of(existing.Entitlements, d.Entitlements);
        (existing.Name, existing.Kind, existing.Purpose, existing.Environment, existing.SourceSystem) = (d.Name, d.Kind, d.Purpose, d.Environment, d.SourceSystem);
        (existing.OwnerId, existing.TeamId, existing.PrivilegeLevel, existing.Entitlements) = (d.OwnerId, teamId, d.Privilege, d.Entitlements.ToList());
        (existing.IsShared, existing.IsBreakGlass, existing.IsVendorManaged, existing.LastActivityUtc) = (d.IsShared, d.IsBreakGlass, d.IsVendorManaged, d.LastActivityUtc);
        audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.Updated, user, "Identity", AuditWriter.TargetKey(existing.Id),
            $"{d.Name} updated from {fileName} (row {d.RowNumber})", before, Snapshot(existing), correlation);
        if (entitlements.Any)
        {
            audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.EntitlementsChanged, user, "Identity", AuditWriter.TargetKey(existing.Id),
                $"{d.Name}: {entitlements.Describe()} (from {fileName}, row {d.RowNumber})", new { entitlements.Removed }, new { entitlements.Added }, correlation);
        }
    }

    private async Task ApplyCredentialAsync(NhiPortalDbContext db, CredentialDraft d, PortalUser user, string fileName, string correlation, CancellationToken ct)
    {
        if (d.Action == ImportAction.Create)
        {
            var credential = new Credential
            {
                ExternalId = d.ExternalId, Name = d.Name, Kind = d.Kind, IdentityId = d.IdentityId, Purpose = d.Purpose, Store = d.Store,
                StoreReference = d.StoreReference, Fingerprint = d.Fingerprint, IssuedUtc = d.IssuedUtc, ExpiresUtc = d.ExpiresUtc,
                LastRotatedUtc = d.LastRotatedUtc, LastUsedUtc = d.LastUsedUtc, IsDynamic = d.IsDynamic, TimeToLive = d.TimeToLive,
            };
            db.Credentials.Add(credential);
            audit.Append(db, AuditStream.Credential, AuditEventTypes.Credential.Imported, user, "Credential", AuditWriter.TargetKey(credential.Id),
                $"{d.Kind} {d.Name} imported from {fileName} (row {d.RowNumber}, fingerprint {d.Fingerprint.Short})" +
                (d.IdentityId is null ? ": a shadow credential" : ""), correlationId: correlation);
            return;
        }
        var existing = await db.Credentials.SingleAsync(c => c.Id == d.ExistingId, ct);
        var before = new { existing.Name, existing.Kind, existing.IdentityId, existing.Store, existing.StoreReference, Fingerprint = existing.Fingerprint.Short, existing.ExpiresUtc };
        (existing.Name, existing.Kind, existing.IdentityId, existing.Purpose, existing.Store, existing.StoreReference) = (d.Name, d.Kind, d.IdentityId, d.Purpose, d.Store, d.StoreReference);
        (existing.Fingerprint, existing.IssuedUtc, existing.ExpiresUtc, existing.LastRotatedUtc, existing.LastUsedUtc) = (d.Fingerprint, d.IssuedUtc, d.ExpiresUtc, d.LastRotatedUtc, d.LastUsedUtc);
        (existing.IsDynamic, existing.TimeToLive) = (d.IsDynamic, d.TimeToLive);
        audit.Append(db, AuditStream.Credential, AuditEventTypes.Credential.Updated, user, "Credential", AuditWriter.TargetKey(existing.Id),
            $"{d.Name} updated from {fileName} (row {d.RowNumber})", before,
            new { d.Name, d.Kind, d.IdentityId, d.Store, d.StoreReference, Fingerprint = d.Fingerprint.Short, d.ExpiresUtc }, correlation);
    }

    private static object Snapshot(NonHumanIdentity i) => new
    {
        i.Name, i.Kind, i.Purpose, i.Environment, i.SourceSystem, i.OwnerId, i.TeamId, i.PrivilegeLevel, Entitlements = i.Entitlements.ToArray(),
        i.IsShared, i.IsBreakGlass, i.IsVendorManaged, i.LastActivityUtc,
    };
}
