using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Leaks;
using NhiPortal.Core.Outbox;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Leaks;

/// <summary>
/// Takes a leak report: the value becomes its fingerprint before anything else happens (the value is never stored,
/// logged or returned), the credential is matched on that fingerprint, and the report, its audit event and its
/// follow-up (<c>leaks.revoke</c> or <c>leaks.notify</c>) are written in one transaction.
/// </summary>
public sealed class LeakIntake(
    IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, AuditWriter audit, TimeProvider clock, IConnectorRegistry connectors,
    FollowUps followUps, LeakPolicy policy, IRevocationService revocation) : ILeakIntake
{
    public async Task<LeakReceipt> ReportAsync(LeakReportRequest request, CancellationToken ct = default)
    {
        var user = await DemandAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var evidence = LeakRules.Validate(request, now);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await FindAsync(db, evidence, ct) is { } first)
        {
            // A repeat only if it is the same secret: alert numbers repeat across repositories, and a different secret
            // answered as "already reported" would never be revoked.
            return first.Fingerprint == evidence.Fingerprint
                ? Receipt(first, duplicate: true)
                : throw new ValidationException($"Alert {evidence.ExternalId} from {evidence.Scanner} was already reported for another secret; give this one its own alert id.");
        }
        var fingerprint = evidence.Fingerprint;
        var candidates = await db.Credentials.AsNoTracking().Where(c => c.Fingerprint == fingerprint)
            .Select(c => new { c.Id, c.Name, c.State, c.Store, c.IdentityId, c.IssuedUtc, Environment = c.IdentityId == null ? null : (DeploymentEnvironment?)c.Identity!.Environment })
            .ToListAsync(ct);
        // A value reused across credentials: the active one first, in an environment that revokes by itself, the newest.
        var match = candidates.OrderByDescending(c => c.State == CredentialState.Active)
            .ThenByDescending(c => c.Environment is { } e && policy.AutoRevokeEnvironments.Contains(e)).ThenByDescending(c => c.IssuedUtc).FirstOrDefault();
        var (outcome, note) = policy.Decide(match?.State, match?.IdentityId is not null, match?.Environment, match is not null && connectors.For(match.Store) is not null, match?.Store);
        // The same value elsewhere opens those credentials too: the automatic run takes every active one it may revoke by itself.
        var alsoRevoke = outcome == LeakOutcome.AutoRevocationStarted
            ? candidates.Where(c => c.Id != match!.Id && c.State == CredentialState.Active && c.Environment is { } e && policy.AutoRevokeEnvironments.Contains(e)
                && connectors.For(c.Store) is not null).Select(c => c.Id).ToList()
            : [];
        var others = candidates.Count - 1 - alsoRevoke.Count;
        if (alsoRevoke.Count > 0)
        {
            note = $"{note} {alsoRevoke.Count} other credential(s) holding the same value are revoked in the same run.".Trim();
        }
        if (others > 0)
        {
            note = $"{note} {others} other credential(s) hold the same value: revoke them too.".Trim();
        }
        var followUpId = Guid.NewGuid();
        var report = new LeakReport
        {
            ReceivedUtc = now, FoundUtc = evidence.FoundUtc, Location = evidence.Location, Scanner = evidence.Scanner, ExternalId = evidence.ExternalId,
            Fingerprint = fingerprint, CredentialId = match?.Id, IdentityId = match?.IdentityId, Environment = match?.Environment, Outcome = outcome,
            Note = note is null ? null : Reasons.Fit(note, 500), RevocationRunId = outcome == LeakOutcome.AutoRevocationStarted ? followUpId : null,
            ReportedBy = user.Subject, ReportedByName = user.DisplayName,
        };
        db.LeakReports.Add(report);
        var found = $"leaked secret {fingerprint.Short} reported{(evidence.Scanner.Length > 0 ? $" by {evidence.Scanner}" : "")}, found at {evidence.Location}";
        var after = new { Report = report.Id, Fingerprint = fingerprint.Short, report.Location, report.Scanner, report.ExternalId, report.FoundUtc, Outcome = outcome.ToString(), Run = report.RevocationRunId };
        if (match is null)
        {
            audit.Append(db, AuditStream.Access, AuditEventTypes.Access.UnmatchedLeakReported, user, "LeakReport", report.Id.ToString("D"),
                $"Unmatched: {found}. No credential known with this fingerprint: a shadow credential somewhere.", null, after);
        }
        else
        {
            audit.Append(db, AuditStream.Credential, AuditEventTypes.Credential.LeakReported, user, "Credential", AuditWriter.TargetKey(match.Id),
                $"{match.Name}: {found}. {outcome}.", new { State = match.State.ToString() }, after);
        }
        if (outcome == LeakOutcome.AutoRevocationStarted)
        {
            followUps.Add(db, FollowUpTypes.LeakRevoke, user, "LeakReport", report.Id.ToString("D"),
                new LeakRevokePayload(report.Id, match!.Id, LeakRules.RunReason(evidence.Scanner, evidence.ExternalId, evidence.Location), user.DisplayName,
                    alsoRevoke.Count == 0 ? null : alsoRevoke), followUpId);
        }
        else
        {
            followUps.Add(db, FollowUpTypes.LeakNotify, user, "LeakReport", report.Id.ToString("D"), new LeakNotifyPayload(report.Id), followUpId);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (evidence.ExternalId is not null)
        {
            // The same alert from two deliveries at once: the unique index lets one in; the other answers with it.
            await using var again = await dbFactory.CreateDbContextAsync(ct);
            return await FindAsync(again, evidence, ct) is { } winner ? Receipt(winner, duplicate: true) : throw new InvalidOperationException("The leak report could not be saved.");
        }
        return Receipt(report, duplicate: false);
    }

    public async Task<Guid> RevokeNowAsync(Guid reportId, string reason, CancellationToken ct = default)
    {
        (await currentUser.GetAsync()).Demand(Capability.Revoke);
        reason = Reasons.Require(reason, RevocationRules.ReasonAsk);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await db.LeakReports.SingleOrDefaultAsync(r => r.Id == reportId, ct) ?? throw new NotFoundException($"Leak report {reportId}");
        if (report.CredentialId is not { } credentialId)
        {
            throw new ValidationException("This leak matches no credential the portal knows: revoke it where it lives.");
        }
        if (report.RevocationRunId is not null)
        {
            throw new ValidationException("A revocation run for this leak is already on its way.");
        }
        // Through the revocation service, so the role check, its audit of refusals and the blast-radius rules apply as anywhere else.
        // The run takes the report's id: a second click, or a save below that fails, finds the same run instead of a second one.
        // Every active credential holding the leaked value, not only the one matched: the value opens each of them.
        var fingerprint = report.Fingerprint;
        var holders = await db.Credentials.AsNoTracking().Where(c => c.Fingerprint == fingerprint && c.State == CredentialState.Active && c.Id != credentialId)
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        var runId = await revocation.StartAsync(new RevocationRequest([credentialId, .. holders], Reasons.Fit($"{reason} (leak {report.Fingerprint.Short})", Reasons.Maximum))
        {
            RunId = report.Id, Containment = true,
        }, ct);
        report.RevocationRunId = runId;
        await db.SaveChangesAsync(ct);
        return runId;
    }

    private static async Task<LeakReport?> FindAsync(NhiPortalDbContext db, LeakEvidence evidence, CancellationToken ct) =>
        evidence.ExternalId is { } externalId
            ? await db.LeakReports.AsNoTracking().SingleOrDefaultAsync(r => r.Scanner == evidence.Scanner && r.ExternalId == externalId, ct)
            : null;

    private static LeakReceipt Receipt(LeakReport r, bool duplicate) =>
        new(r.Id, r.Outcome, r.CredentialId, r.IdentityId, r.RevocationRunId, r.Fingerprint.Short, r.Note, duplicate);

    /// <summary>Refusals are audited: someone trying to feed leaks in without the right is worth knowing about.</summary>
    private async Task<PortalUser> DemandAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync();
        if (user.Can(Capability.ReportLeaks))
        {
            return user;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        audit.Append(db, AuditStream.Access, AuditEventTypes.Access.Refused, user, "LeakReport", null, $"{user.DisplayName} was refused: report a leaked secret");
        await db.SaveChangesAsync(ct);
        throw new AccessDeniedException(user, Capability.ReportLeaks);
    }
}
