using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Ownership;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Hygiene;

/// <summary>
/// Recomputes every score without loading entities. Credential scores live in the narrow CredentialScores table. On
/// SQLite a full rescore streams the facts, stages the scores and writes the changed ones in one UPDATE
/// (<see cref="SqliteRescoreWriter"/>); elsewhere rows are streamed and scores written back set-based, one UPDATE per
/// score value. Both paths score through the same <see cref="ScoringRun"/>.
/// </summary>
public sealed class HygieneRescorer(IDbContextFactory<NhiPortalDbContext> dbFactory, TimeProvider clock)
{
    private const int IdsPerUpdate = 5_000;

    public async Task<RescoreResult> RescoreAllAsync(bool forceNeutralPath = false, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var policy = await HygienePolicyStore.CurrentAsync(db, ct);
        var run = await PrepareAsync(db, policy, identityFilter: null, ct);
        int identities;
        if (db.Database.IsSqlite() && !forceNeutralPath)
        {
            identities = await SqliteRescoreWriter.WriteAsync(db, run, ct);
        }
        else if ((db.Database.IsNpgsql() || db.Database.IsSqlServer()) && !forceNeutralPath)
        {
            identities = await WriteStagedAsync(db, run, ct);
        }
        else
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            identities = await WriteSetBasedAsync(db, run, null, ct);
            await transaction.CommitAsync(ct);
        }
        db.HygieneSnapshots.Add(new HygieneSnapshot
        {
            TakenUtc = run.NowUtc,
            PolicyVersion = policy.Version,
            ScoredCredentials = run.Credentials,
            OrganisationScore = run.OrganisationScore,
            BreakdownJson = JsonSerializer.Serialize(run.Breakdown(), HygienePolicyStore.Json),
        });
        await db.SaveChangesAsync(ct);
        return new RescoreResult(run.Credentials, identities, run.OrganisationScore, watch.Elapsed);
    }

    /// <summary>Rescores the credentials and identities of a few identities after a change to them (no snapshot).</summary>
    /// <summary>Above this many identities a targeted rescore becomes a full one (and stays within SQL parameter limits).</summary>
    internal const int TargetedLimit = 2_000;

    public async Task RescoreIdentitiesAsync(IReadOnlyCollection<Guid> identityIds, CancellationToken ct = default)
    {
        if (identityIds.Count == 0)
        {
            return;
        }
        if (identityIds.Count > TargetedLimit)
        {
            // A bulk change (a mass revocation, a leaver with thousands of NHIs) is cheaper as one full pass.
            await RescoreAllAsync(ct: ct);
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var policy = await HygienePolicyStore.CurrentAsync(db, ct);
        var run = await PrepareAsync(db, policy, identityIds, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await WriteSetBasedAsync(db, run, identityIds, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Scores with reasons, computed now, for the credentials of one identity (for "why this grade").</summary>
    internal async Task<(HygieneScore? Identity, IReadOnlyList<CredentialHygiene> Credentials)> ExplainAsync(
        NhiPortalDbContext db, Guid identityId, CancellationToken ct)
    {
        var policy = await HygienePolicyStore.CurrentAsync(db, ct);
        var run = await PrepareAsync(db, policy, [identityId], ct, explain: true);
        var explained = new List<CredentialHygiene>();
        int? worst = null;
        foreach (var c in await ActiveCredentials(db, [identityId]).ToListAsync(ct))
        {
            var score = run.Explain(c.Id, c.Kind, c.IdentityId, c.IssuedUtc, c.ExpiresUtc, c.LastRotatedUtc, c.LastUsedUtc, c.IsDynamic, c.Fingerprint.Value);
            explained.Add(new CredentialHygiene(c.Id, c.Name, score));
            worst = Math.Min(worst ?? 100, score.Score);
        }
        return (await db.Identities.AnyAsync(i => i.Id == identityId, ct) ? run.ExplainIdentity(identityId, worst) : null, explained);
    }

    /// <summary>An explaining scorer over the whole organisation, for reports that list every credential's findings.</summary>
    internal async Task<ScoringRun> ExplainerAsync(NhiPortalDbContext db, CancellationToken ct) =>
        await PrepareAsync(db, await HygienePolicyStore.CurrentAsync(db, ct), null, ct, explain: true);

    private sealed record ActiveCredential(Guid Id, string Name, CredentialKind Kind, Guid? IdentityId, DateTime IssuedUtc, DateTime? ExpiresUtc,
        DateTime? LastRotatedUtc, DateTime? LastUsedUtc, bool IsDynamic, Fingerprint Fingerprint);

    private static IQueryable<ActiveCredential> ActiveCredentials(NhiPortalDbContext db, IReadOnlyCollection<Guid>? identityIds)
    {
        var query = db.Credentials.AsNoTracking().Where(c => c.State == CredentialState.Active);
        if (identityIds is not null)
        {
            query = query.Where(c => c.IdentityId != null && identityIds.Contains(c.IdentityId.Value));
        }
        return query.Select(c => new ActiveCredential(c.Id, c.Name, c.Kind, c.IdentityId, c.IssuedUtc, c.ExpiresUtc, c.LastRotatedUtc,
            c.LastUsedUtc, c.IsDynamic, c.Fingerprint));
    }

    private async Task<ScoringRun> PrepareAsync(NhiPortalDbContext db, HygienePolicy policy, IReadOnlyCollection<Guid>? identityFilter, CancellationToken ct,
        bool explain = false)
    {
        var identities = db.Identities.AsNoTracking();
        if (identityFilter is not null)
        {
            identities = identities.Where(i => identityFilter.Contains(i.Id));
        }
        var infos = new Dictionary<Guid, IdentityInfo>();
        await foreach (var i in identities.Select(i => new
                           {
                               i.Id, i.Environment, i.PrivilegeLevel, i.OwnerId, OwnerActive = i.Owner != null && i.Owner.IsActive, i.TeamId,
                               TeamDissolved = i.Team != null && i.Team.IsDissolved, i.LastAttestedUtc, i.IsShared, i.IsBreakGlass, i.LifecycleState,
                           }).AsAsyncEnumerable().WithCancellation(ct))
        {
            var owner = i.OwnerId is null ? OwnerStatus.None : i.OwnerActive ? OwnerStatus.Active : OwnerStatus.Left;
            var orphaned = OrphanRules.ReasonFor(i.LifecycleState, i.OwnerId, i.OwnerActive, i.TeamDissolved) != OrphanReason.None;
            infos[i.Id] = new IdentityInfo(i.Environment, i.PrivilegeLevel, owner, i.TeamId, orphaned, i.LastAttestedUtc, i.IsShared, i.IsBreakGlass);
        }
        // Reuse is rare: find the fingerprints held more than once (an index-only scan), then look at just those.
        var active = db.Credentials.AsNoTracking().Where(c => c.State == CredentialState.Active);
        // For a few identities, only their own fingerprints can matter: grouping all three million would cost seconds.
        var candidates = identityFilter is null ? active
            : active.Where(c => active.Where(o => o.IdentityId != null && identityFilter.Contains(o.IdentityId.Value)).Select(o => o.Fingerprint).Contains(c.Fingerprint));
        var shared = candidates.GroupBy(c => c.Fingerprint).Where(g => g.Count() > 1).Select(g => g.Key);
        var holders = await active.Where(c => shared.Contains(c.Fingerprint))
            .Select(c => new { c.Fingerprint, c.IdentityId, Environment = c.Identity != null ? (DeploymentEnvironment?)c.Identity.Environment : null })
            .ToListAsync(ct);
        var reuse = holders.GroupBy(h => h.Fingerprint.Value).ToDictionary(g => g.Key,
            g => (g.Select(h => h.Environment).Distinct().Count() > 1, g.Select(h => h.IdentityId).Distinct().Count() > 1));
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        // Open flags are few (they are triaged): one query for all of them, grouped here.
        var flags = await db.AnomalyFlags.AsNoTracking().Where(f => f.Status == Core.Usage.AnomalyStatus.Open)
            .Select(f => new { f.CredentialId, f.Severity, f.Rule }).ToListAsync(ct);
        var anomalies = flags.GroupBy(f => f.CredentialId).ToDictionary(g => g.Key, g =>
        {
            var worst = g.OrderByDescending(f => f.Severity).First();
            return new OpenAnomalies(g.Count(), worst.Severity, worst.Rule);
        });
        return new ScoringRun(new HygieneScorer(policy, explain), clock.GetUtcNow().UtcDateTime, infos, reuse, teams, anomalies);
    }

    // A server database: every score staged in memory (the read must end before the same connection copies), then
    // bulk copied and joined in (ServerRescoreWriter).
    private static async Task<int> WriteStagedAsync(NhiPortalDbContext db, ScoringRun run, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var credentials = new List<KeyValuePair<Guid, int>>();
        await foreach (var c in ActiveCredentials(db, null).AsAsyncEnumerable().WithCancellation(ct))
        {
            credentials.Add(new(c.Id, run.Score(c.Id, c.Kind, c.IdentityId, c.IssuedUtc, c.ExpiresUtc, c.LastRotatedUtc, c.LastUsedUtc, c.IsDynamic, c.Fingerprint.Value)));
        }
        // The identities the run was prepared with: reading a million ids a second time would only cost time.
        var identities = run.IdentityIds.Select(id => new KeyValuePair<Guid, int>(id, run.ScoreIdentity(id))).ToList();
        var staged = watch.Elapsed;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ServerRescoreWriter.WriteAsync(db, credentials, identities, ct);
        await transaction.CommitAsync(ct);
        RescorePhases.Last = new(staged, watch.Elapsed - staged, TimeSpan.Zero);
        return identities.Count;
    }

    // Any provider: stream the facts, score in .NET, then one UPDATE per score value (at most 101, in id batches).
    private static async Task<int> WriteSetBasedAsync(NhiPortalDbContext db, ScoringRun run, IReadOnlyCollection<Guid>? identityFilter, CancellationToken ct)
    {
        var byScore = new Dictionary<int, List<Guid>>();
        await foreach (var c in ActiveCredentials(db, identityFilter).AsAsyncEnumerable().WithCancellation(ct))
        {
            var score = run.Score(c.Id, c.Kind, c.IdentityId, c.IssuedUtc, c.ExpiresUtc, c.LastRotatedUtc, c.LastUsedUtc, c.IsDynamic, c.Fingerprint.Value);
            (byScore.TryGetValue(score, out var ids) ? ids : byScore[score] = []).Add(c.Id);
        }
        await CredentialScoreWriter.ClearInactiveAsync(db, identityFilter, ct);
        foreach (var (score, ids) in byScore)
        {
            await CredentialScoreWriter.SetAsync(db, ids, score, ct);
        }
        var identities = identityFilter ?? await db.Identities.Select(i => i.Id).ToListAsync(ct);
        var identityScores = identities.GroupBy(run.ScoreIdentity);
        foreach (var group in identityScores)
        {
            foreach (var chunk in group.Chunk(IdsPerUpdate))
            {
                await db.Identities.Where(i => chunk.Contains(i.Id)).ExecuteUpdateAsync(s => s.SetProperty(i => i.HygieneScore, group.Key), ct);
            }
        }
        return identities.Count;
    }
}
