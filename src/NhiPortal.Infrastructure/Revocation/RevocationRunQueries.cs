using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Revocation;

/// <summary>Revocation runs as the runs list and the run page read them: organisation-wide history (operators, administrators, auditors).</summary>
public sealed class RevocationRunQueries(IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser) : IRevocationRunQueries
{
    public async Task<RevocationRunView> GetRunAsync(Guid runId, CancellationToken ct = default)
    {
        (await currentUser.GetAsync()).Demand(Capability.OverseeOrganisation);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.RevocationRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct) ?? throw new NotFoundException($"Revocation run {runId}");
        var steps = await db.RevocationSteps.AsNoTracking().Where(s => s.RunId == runId).OrderBy(s => s.Id)
            .Select(s => new RevocationStepView(s.Id, s.CredentialId, s.CredentialName, s.Connector, s.Status, s.Attempts, s.Detail, s.RevokedUtc, s.VerifiedUtc, s.DurationMs))
            .ToListAsync(ct);
        var identityName = run.IdentityId is { } id ? await db.Identities.Where(i => i.Id == id).Select(i => i.Name).SingleOrDefaultAsync(ct) : null;
        return new RevocationRunView(run.Id, run.Reason, run.RequestedByName, run.RequestedUtc, run.StartedUtc, run.CompletedUtc, run.Status,
            run.IdentityId, identityName, run.DisableIdentity, run.Executions, steps);
    }

    public async Task<RevocationRunSummary> GetSummaryAsync(Guid runId, CancellationToken ct = default)
    {
        (await currentUser.GetAsync()).Demand(Capability.OverseeOrganisation);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.RevocationRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct) ?? throw new NotFoundException($"Revocation run {runId}");
        // Counts kept on the run cost nothing to read; a run without them (older, or one step) is aggregated.
        var counts = KeptCounts(run) ?? (await db.RevocationSteps.AsNoTracking().Where(s => s.RunId == runId).GroupBy(s => s.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct)).ToDictionary(c => c.Status, c => c.Count);
        return new RevocationRunSummary(run.Id, run.Reason, run.RequestedBy, run.RequestedByName, run.RequestedUtc, run.StartedUtc, run.CompletedUtc, run.Status,
            run.IdentityId, run.DisableIdentity, run.Executions, counts)
        {
            RequestHash = run.RequestHash,
            IdentityName = run.IdentityId is { } id ? await db.Identities.Where(i => i.Id == id).Select(i => i.Name).SingleOrDefaultAsync(ct) : null,
        };
    }

    public async Task<Page<RevocationStepView>> GetStepsAsync(Guid runId, long? afterStepId, int take, CancellationToken ct = default)
    {
        (await currentUser.GetAsync()).Demand(Capability.OverseeOrganisation);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.RevocationRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct) ?? throw new NotFoundException($"Revocation run {runId}");
        var steps = db.RevocationSteps.AsNoTracking().Where(s => s.RunId == runId);
        var total = KeptCounts(run)?.Values.Sum() ?? await steps.CountAsync(ct);
        var after = afterStepId ?? 0;
        var rows = await steps.Where(s => s.Id > after).OrderBy(s => s.Id).Take(Math.Clamp(take, 1, PageRequest.MaxTake))
            .Select(s => new RevocationStepView(s.Id, s.CredentialId, s.CredentialName, s.Connector, s.Status, s.Attempts, s.Detail, s.RevokedUtc, s.VerifiedUtc, s.DurationMs))
            .ToListAsync(ct);
        return new Page<RevocationStepView>(rows, total);
    }

    public async Task<Page<RevocationRunRow>> ListRunsAsync(PageRequest page, CancellationToken ct = default)
    {
        (await currentUser.GetAsync()).Demand(Capability.OverseeOrganisation);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var total = await db.RevocationRuns.CountAsync(ct);
        var rows = await db.RevocationRuns.AsNoTracking().OrderByDescending(r => r.RequestedUtc).Skip(page.SafeSkip).Take(page.SafeTake)
            .Select(r => new RevocationRunRow(r.Id, r.Reason, r.RequestedByName, r.RequestedUtc, r.CompletedUtc, r.Status,
                db.Identities.Where(i => i.Id == r.IdentityId).Select(i => i.Name).FirstOrDefault(),
                r.Steps.Count, r.Steps.Count(s => s.Status == RevocationStepStatus.Failed || s.Status == RevocationStepStatus.ProbeFailed)))
            .ToListAsync(ct);
        return new Page<RevocationRunRow>(rows, total);
    }

    private static Dictionary<RevocationStepStatus, int>? KeptCounts(RevocationRun run)
    {
        var kept = new Dictionary<RevocationStepStatus, int>
        {
            [RevocationStepStatus.Pending] = run.StepsPending, [RevocationStepStatus.Revoked] = run.StepsRevoked, [RevocationStepStatus.Verified] = run.StepsVerified,
            [RevocationStepStatus.ProbeFailed] = run.StepsProbeFailed, [RevocationStepStatus.Failed] = run.StepsFailed,
        };
        return kept.Values.Sum() > 0 ? kept.Where(k => k.Value > 0).ToDictionary() : null;
    }
}
