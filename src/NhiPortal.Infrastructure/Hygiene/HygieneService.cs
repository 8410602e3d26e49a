using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Approvals;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Hygiene;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Hygiene;

public sealed class HygieneService(
    IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, HygieneRescorer rescorer, HygienePolicySaver saver, FourEyesPolicy fourEyes)
    : IHygieneService
{
    private const int TrendPoints = 30;

    public async Task<HygienePolicyView> GetPolicyAsync(CancellationToken ct = default)
    {
        (await currentUser.GetAsync()).Demand(Capability.ViewInventory);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var history = await db.HygienePolicyVersions.AsNoTracking().OrderByDescending(v => v.Version)
            .Select(v => new PolicyVersionInfo(v.Version, v.SavedUtc, v.SavedBy, v.Note)).ToListAsync(ct);
        return new HygienePolicyView(await HygienePolicyStore.CurrentAsync(db, ct), history);
    }

    public async Task<int> SavePolicyAsync(HygienePolicy policy, string note, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.ManagePolicy);
        if (policy.Validate() is { Count: > 0 } problems)
        {
            throw new ValidationException(string.Join(" ", problems));
        }
        note = Reasons.Require(note, "Say why the policy changes; the note is kept with the version and in the audit log");
        if (fourEyes.HygienePolicy)
        {
            throw new ApprovalRequiredException(FourEyesPolicy.PolicyExplanation);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var version = await saver.AppendAsync(db, policy, note, user, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Versions are unique: another save of the same next version won the race.
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            throw new EditConflictException(await HygienePolicySaver.NewerVersionAsync(fresh, version, policy.Version, ct));
        }
        await transaction.CommitAsync(ct);
        return version;
    }

    public async Task<RescoreResult> RescoreAsync(CancellationToken ct = default)
    {
        (await currentUser.GetAsync()).Demand(Capability.ManagePolicy);
        // Off the caller's thread: SQLite's "async" calls complete synchronously, so a full rescore (a minute at 1M)
        // would otherwise hold the person's circuit, which could not even show that it is busy.
        return await Task.Run(() => rescorer.RescoreAllAsync(ct: ct), ct);
    }

    public async Task<HygieneDashboard> GetDashboardAsync(CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        var scope = user.Demand(Capability.ViewInventory);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var credentials = db.Credentials.AsNoTracking().Where(c => c.State == CredentialState.Active).ScopedTo(scope, user);
        var identities = db.Identities.AsNoTracking().ScopedTo(scope, user);
        var worst = await identities.Where(i => i.HygieneScore != null).OrderBy(i => i.HygieneScore).ThenBy(i => i.Name).Take(10)
            .Select(i => new WorstIdentity(i.Id, i.Name, i.HygieneScore!.Value, i.Team != null ? i.Team.Name : null, i.Owner != null ? i.Owner.DisplayName : null))
            .ToListAsync(ct);
        var snapshots = await db.HygieneSnapshots.AsNoTracking().OrderByDescending(s => s.Id).Take(TrendPoints).ToListAsync(ct);
        var latest = snapshots.FirstOrDefault();
        if (scope == AccessScope.Everything)
        {
            var breakdown = latest is null ? null : JsonSerializer.Deserialize<HygieneBreakdown>(latest.BreakdownJson, HygienePolicyStore.Json);
            return new HygieneDashboard
            {
                OrganisationScore = latest?.OrganisationScore,
                OrganisationGrade = latest is null ? null : HygieneGrades.Of((int)Math.Floor(latest.OrganisationScore)),
                ScoredCredentials = latest?.ScoredCredentials ?? 0,
                Grades = breakdown?.Grades ?? new Dictionary<HygieneGrade, int>(),
                Categories = breakdown?.Categories ?? new Dictionary<OwaspNhiCategory, int>(),
                Teams = breakdown?.Teams ?? [],
                WorstIdentities = worst,
                Trend = snapshots.OrderBy(s => s.Id).Select(s => new TrendPoint(s.TakenUtc, s.OrganisationScore, s.PolicyVersion)).ToList(),
                StaticCredentials = breakdown?.StaticCredentials ?? 0,
                DynamicCredentials = breakdown?.DynamicCredentials ?? 0,
                LastRescoredUtc = latest?.TakenUtc,
            };
        }
        // A reviewer's own slice is small: summarise it directly from the stored scores.
        var own = await credentials.Where(c => c.HygieneScore != null).Select(c => new { Score = c.HygieneScore!.Value, c.IsDynamic }).ToListAsync(ct);
        return new HygieneDashboard
        {
            OrganisationScore = own.Count == 0 ? null : Math.Round(own.Average(c => c.Score), 1),
            OrganisationGrade = own.Count == 0 ? null : HygieneGrades.Of((int)Math.Floor(own.Average(c => c.Score))),
            ScoredCredentials = own.Count,
            Grades = own.GroupBy(c => HygieneGrades.Of(c.Score)).ToDictionary(g => g.Key, g => g.Count()),
            Categories = new Dictionary<OwaspNhiCategory, int>(),
            Teams = [],
            WorstIdentities = worst,
            Trend = [],
            StaticCredentials = own.Count(c => !c.IsDynamic),
            DynamicCredentials = own.Count(c => c.IsDynamic),
            LastRescoredUtc = latest?.TakenUtc,
        };
    }

    public async Task<(HygieneScore? Identity, IReadOnlyList<CredentialHygiene> Credentials)> ExplainIdentityAsync(Guid identityId, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        var scope = user.Demand(Capability.ViewInventory);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Identities.ScopedTo(scope, user).AnyAsync(i => i.Id == identityId, ct))
        {
            throw new NotFoundException($"Identity {identityId}");
        }
        return await rescorer.ExplainAsync(db, identityId, ct);
    }
}
