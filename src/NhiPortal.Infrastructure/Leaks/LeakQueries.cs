using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Leaks;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Leaks;

/// <summary>
/// Leak reports for the leaks page: organisation-wide history, like revocation runs, so for those who oversee the
/// organisation (operators, administrators, auditors). The verified revocation time is read from the runs' steps.
/// </summary>
public sealed class LeakQueries(IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser) : ILeakQueries
{
    public async Task<Page<LeakRow>> ListAsync(LeakFilter filter, int skip, int take, CancellationToken ct = default)
    {
        (await currentUser.GetAsync()).Demand(Capability.OverseeOrganisation);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.LeakReports.AsNoTracking();
        query = filter switch
        {
            LeakFilter.All => query,
            LeakFilter.Matched => query.Where(r => r.CredentialId != null),
            LeakFilter.Unmatched => query.Where(r => r.CredentialId == null),
        };
        var total = await query.CountAsync(ct);
        var page = await query.OrderByDescending(r => r.ReceivedUtc).ThenBy(r => r.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, PageRequest.MaxTake)).ToListAsync(ct);
        return new Page<LeakRow>(await RowsAsync(db, page, ct), total);
    }

    public async Task<LeakRow> GetAsync(Guid id, CancellationToken ct = default)
    {
        (await currentUser.GetAsync()).Demand(Capability.OverseeOrganisation);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await db.LeakReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException($"Leak report {id}");
        return (await RowsAsync(db, [report], ct)).Single();
    }

    public async Task<IReadOnlyList<LeakRow>> ListForIdentityAsync(Guid identityId, CancellationToken ct = default)
    {
        (await currentUser.GetAsync()).Demand(Capability.OverseeOrganisation);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var reports = await db.LeakReports.AsNoTracking().Where(r => r.IdentityId == identityId).OrderByDescending(r => r.ReceivedUtc).Take(100).ToListAsync(ct);
        return await RowsAsync(db, reports, ct);
    }

    private static async Task<IReadOnlyList<LeakRow>> RowsAsync(NhiPortalDbContext db, List<LeakReport> reports, CancellationToken ct)
    {
        var credentialIds = reports.Select(r => r.CredentialId).OfType<Guid>().Distinct().ToList();
        var credentials = await db.Credentials.AsNoTracking().Where(c => credentialIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Name, c.State, IdentityName = c.IdentityId == null ? null : c.Identity!.Name }).ToDictionaryAsync(c => c.Id, ct);
        var steps = await VerifiedSteps.ForAsync(db, credentialIds.Cast<Guid?>(), ct);
        return reports.Select(r =>
        {
            var credential = r.CredentialId is { } cid ? credentials.GetValueOrDefault(cid) : null;
            var verified = LeakVerification.For(r.CredentialId, r.RevocationRunId, r.ReceivedUtc, steps);
            return new LeakRow
            {
                Id = r.Id, ReceivedUtc = r.ReceivedUtc, FoundUtc = r.FoundUtc, Location = r.Location, Scanner = r.Scanner, ExternalId = r.ExternalId,
                FingerprintShort = r.Fingerprint.Short, CredentialId = r.CredentialId, CredentialName = credential?.Name, IdentityId = r.IdentityId,
                IdentityName = credential?.IdentityName, Environment = r.Environment, Outcome = r.Outcome, Note = r.Note,
                RevocationRunId = r.RevocationRunId ?? verified?.RunId, VerifiedRevokedUtc = verified?.VerifiedUtc, ReportedByName = r.ReportedByName,
                CanRevokeNow = LeakRules.CanRevokeNow(r.Outcome, r.RevocationRunId ?? verified?.RunId, credential?.State == CredentialState.Active),
            };
        }).ToList();
    }
}
