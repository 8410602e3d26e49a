using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Approvals;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Outbox;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Hygiene;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Approvals;

/// <summary>
/// Four eyes: a bulk revocation or a policy change is kept as a request until someone else who could make it approves
/// it. The approval and the change commit together: a policy version is saved in the same transaction, a revocation
/// run is started by a follow-up written in it (and so never lost, never started twice).
/// </summary>
public sealed class ApprovalCommands(IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, AuditWriter audit, TimeProvider clock,
    FollowUps followUps, HygienePolicySaver policySaver, FourEyesPolicy fourEyes, Access.RoleMapSaver roleMapSaver, Access.RoleMapStore roleMaps,
    Access.ConfiguredRoleMap configuredRoleMap) : IApprovalCommands
{
    public static Capability CapabilityFor(ApprovalKind kind) => kind switch
    {
        ApprovalKind.BulkRevocation => Capability.Revoke,
        ApprovalKind.HygienePolicyChange or ApprovalKind.RoleMapChange => Capability.ManagePolicy,
    };

    public async Task<Guid> RequestRevocationAsync(RevocationRequest request, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.Revoke);
        if (RevocationRules.Validate(request) is { } error)
        {
            throw new ValidationException(error);
        }
        if (!fourEyes.Requires(request))
        {
            throw new ValidationException("This revocation needs no second person: start it.");
        }
        var count = request.CredentialIds.Distinct().Count();
        return await AddAsync(ApprovalKind.BulkRevocation, $"Revoke {count:N0} credentials: {request.Reason.Trim()}", ApprovalPayloads.Of(request), user, ct, request.RunId);
    }

    public async Task<Guid> RequestPolicyChangeAsync(HygienePolicy policy, string note, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.ManagePolicy);
        if (policy.Validate() is { Count: > 0 } problems)
        {
            throw new ValidationException(string.Join(" ", problems));
        }
        note = Reasons.Require(note, "Say why the policy changes; the note is kept with the version and in the audit log");
        return await AddAsync(ApprovalKind.HygienePolicyChange, $"Hygiene policy change on version {policy.Version}: {note}", ApprovalPayloads.Of(policy, note), user, ct);
    }

    public async Task<Guid> RequestRoleMapChangeAsync(IReadOnlyList<KeyValuePair<string, string>> entries, int baseVersion, string note, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.ManagePolicy);
        if (RoleMapRules.Validate(entries, configuredRoleMap.Map.AcceptsRoleNamesAsIs) is { Count: > 0 } problems)
        {
            throw new ValidationException(string.Join(" ", problems));
        }
        note = Reasons.Require(note, "Say why the role map changes; the note is kept with the version and in the audit log");
        var summary = $"Role map change on version {baseVersion} ({entries.Count} entries: {string.Join(", ", entries.Select(e => $"{e.Key} → {e.Value}"))}): {note}";
        return await AddAsync(ApprovalKind.RoleMapChange, summary, ApprovalPayloads.Of(entries, baseVersion, note), user, ct);
    }

    /// <summary><paramref name="id"/>: a caller-chosen id (an API call's Idempotency-Key), so a retry finds the request instead of adding another.</summary>
    private async Task<Guid> AddAsync(ApprovalKind kind, string summary, string payload, PortalUser user, CancellationToken ct, Guid? id = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (id is { } chosen && await SameRequestAsync(db, chosen, payload, user, ct) is { } existing)
        {
            return existing;
        }
        var request = new ApprovalRequest
        {
            Id = id ?? Guid.NewGuid(),
            Kind = kind, Summary = Reasons.Fit(summary, ApprovalRequest.MaxSummary), PayloadJson = payload, RequestedBy = user.Subject,
            RequestedByName = user.DisplayName, RequesterPerson = user.ScopeSubject, RequestedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Approvals.Add(request);
        audit.Append(db, AuditStream.Access, AuditEventTypes.Access.ApprovalRequested, user, "ApprovalRequest", request.Id.ToString("D"),
            $"{user.DisplayName} asks a second person to approve: {request.Summary}", null, new { Kind = kind.ToString() }, Correlation(request.Id));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (id is { } raced)
        {
            // The same key at the same moment: the other call's request is this one's answer.
            await using var again = await dbFactory.CreateDbContextAsync(ct);
            return await SameRequestAsync(again, raced, payload, user, ct) ?? throw new InvalidOperationException("The approval request could not be saved.");
        }
        return request.Id;
    }

    /// <summary>The request kept under a caller-chosen id, if any: the same caller's same change, or a refusal.</summary>
    private static async Task<Guid?> SameRequestAsync(NhiPortalDbContext db, Guid id, string payload, PortalUser user, CancellationToken ct) =>
        await db.Approvals.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct) is { } existing
            ? existing.RequestedBy == user.Subject && existing.PayloadJson == payload ? existing.Id
                : throw new ValidationException("This Idempotency-Key asked for approval of a different request.")
            : null;

    public Task ApproveAsync(Guid id, int version, string note, CancellationToken ct = default) => DecideAsync(id, version, note, approve: true, ct);

    public Task RejectAsync(Guid id, int version, string note, CancellationToken ct = default) => DecideAsync(id, version, note, approve: false, ct);

    private async Task DecideAsync(Guid id, int version, string note, bool approve, CancellationToken ct)
    {
        var user = await currentUser.GetAsync();
        // Refused before anything is looked up: a person who could approve nothing learns nothing about the requests.
        if (!Enum.GetValues<ApprovalKind>().Any(kind => user.Can(CapabilityFor(kind))))
        {
            throw new AccessDeniedException(user, Capability.Revoke);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.Approvals.SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException($"Approval request {id}");
        user.Demand(CapabilityFor(request.Kind));
        note = Reasons.Require(note, approve ? "Say why you approve" : "Say why you reject it");
        if (request.AskedBy(user.ScopeSubject))
        {
            throw new ValidationException(request.RequestedBy == user.Subject
                ? "You asked for this change: a second person must approve or reject it."
                : "Your API client asked for this change: a second person must approve or reject it.");
        }
        if (request.State != ApprovalState.Pending || request.Version != version)
        {
            throw new EditConflictException($"This request was {request.State.ToString().ToLowerInvariant()} by {request.DecidedByName ?? "someone"} a moment ago. Nothing was changed; reload to see it.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        request.Decide(approve, user.Subject, user.DisplayName, user.ScopeSubject, note, clock.GetUtcNow().UtcDateTime);
        audit.Append(db, AuditStream.Access, approve ? AuditEventTypes.Access.ApprovalGranted : AuditEventTypes.Access.ApprovalRejected, user, "ApprovalRequest",
            id.ToString("D"), $"{user.DisplayName} {(approve ? "approved" : "rejected")} {request.RequestedByName}'s request: {request.Summary}. {note}",
            null, new { Kind = request.Kind.ToString(), request.RequestedBy }, Correlation(id));
        if (approve)
        {
            await CarryOutAsync(db, request, user, note, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new EditConflictException("Someone else decided this request a moment ago. Nothing was changed; reload to see it.");
        }
        catch (DbUpdateException) when (request.Kind is ApprovalKind.HygienePolicyChange or ApprovalKind.RoleMapChange)
        {
            // Two approvals on one version at once: versions are unique, this one lost and stays pending.
            throw new EditConflictException("Another version was saved a moment ago. Nothing was changed; this request stays pending: reject it, and ask again on top of the new version.");
        }
        await transaction.CommitAsync(ct);
        if (approve && request.Kind == ApprovalKind.RoleMapChange)
        {
            roleMaps.Forget();
        }
    }

    private async Task CarryOutAsync(NhiPortalDbContext db, ApprovalRequest request, PortalUser approver, string note, CancellationToken ct)
    {
        switch (request.Kind)
        {
            case ApprovalKind.HygienePolicyChange:
                var (policy, asked) = ApprovalPayloads.PolicyOf(request.PayloadJson);
                // Edited from an older version meanwhile: EditConflictException, and the request stays pending (reject it).
                var saved = await policySaver.AppendAsync(db, policy, $"{asked} (asked by {request.RequestedByName}; approved by {approver.DisplayName}: {note})", approver, ct);
                request.Record($"Saved as policy version {saved}.", failed: false);
                break;
            case ApprovalKind.RoleMapChange:
                var change = ApprovalPayloads.RoleMapOf(request.PayloadJson);
                var entries = Access.RoleMapStore.Entries(change.EntriesJson);
                var version = await roleMapSaver.AppendAsync(db, entries, change.BaseVersion,
                    $"{change.Note} (asked by {request.RequestedByName}; approved by {approver.DisplayName}: {note})", approver, ct);
                request.Record($"Saved as role map version {version}.", failed: false);
                break;
            case ApprovalKind.BulkRevocation:
                var run = followUps.Add(db, FollowUpTypes.ApprovedRevocation, approver, "ApprovalRequest", request.Id.ToString("D"), new ApprovalPayloads.ApprovedRun(request.Id));
                request.RunId = run.Id;
                request.Record($"Revocation run {run.Id:D} is starting.", failed: false);
                break;
        }
    }

    public static string Correlation(Guid id) => $"approval-{id:N}";
}
