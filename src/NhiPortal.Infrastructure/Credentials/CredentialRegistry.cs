using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Credentials;

/// <summary>Manual credential entries: validated whole, written with their credential event, then scored at once.</summary>
public sealed class CredentialRegistry(
    IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, AuditWriter audit, TimeProvider clock, FollowUps followUps)
    : ICredentialRegistry
{
    public async Task<Guid> RegisterAsync(ManualCredentialDraft draft, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.Import);
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = ManualCredentialRules.Validate(draft, now);
        if (errors.Count > 0)
        {
            throw new CredentialValidationException(errors);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var identity = await db.Identities.SingleOrDefaultAsync(i => i.Id == draft.IdentityId, ct)
            ?? throw new NotFoundException($"Identity {draft.IdentityId}");
        if (identity.LifecycleState != IdentityLifecycleState.Active)
        {
            throw new ValidationException($"{identity.Name} is {identity.LifecycleState.ToString().ToLowerInvariant()}: a disabled identity holds no live credentials.");
        }
        var credential = new Credential
        {
            Name = draft.Name.Trim(),
            Kind = draft.Kind,
            IdentityId = identity.Id,
            Purpose = draft.Purpose.Trim(),
            Store = draft.Store.Trim(),
            StoreReference = draft.StoreReference.Trim(),
            Fingerprint = Fingerprint.Parse(draft.Fingerprint),
            IssuedUtc = draft.IssuedUtc,
            ExpiresUtc = draft.ExpiresUtc,
            LastUsedUtc = draft.LastUsedUtc,
            StateChangedUtc = now,
        };
        db.Credentials.Add(credential);
        audit.Append(db, AuditStream.Credential, AuditEventTypes.Credential.Issued, user, "Credential", AuditWriter.TargetKey(credential.Id),
            $"{credential.Name}: {credential.Kind} for {identity.Name} entered by hand ({credential.Store})", null,
            new { credential.Name, Kind = credential.Kind.ToString(), credential.Store, credential.StoreReference, Fingerprint = credential.Fingerprint.Short,
                credential.IssuedUtc, credential.ExpiresUtc, credential.LastUsedUtc, IdentityId = identity.Id });
        followUps.Rescore(db, user, [identity.Id], "credential entered by hand");
        await db.SaveChangesAsync(ct);
        return credential.Id;
    }

    public async Task UpdateTrackingAsync(CredentialTrackingUpdate update, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.Import);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var credential = await db.Credentials.SingleOrDefaultAsync(c => c.Id == update.CredentialId, ct)
            ?? throw new NotFoundException($"Credential {update.CredentialId}");
        if (credential.State != CredentialState.Active)
        {
            throw new ValidationException($"{credential.Name} is {credential.State.ToString().ToLowerInvariant()}; only an active credential's dates can change.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (ManualCredentialRules.ValidateTracking(update, credential.IssuedUtc, now) is { } error)
        {
            throw new ValidationException(error);
        }
        if (update.ShownVersion is { } shown && shown != credential.Version)
        {
            var who = await LastChange.DescribeAsync(db, AuditStream.Credential, "Credential", AuditWriter.TargetKey(credential.Id), [AuditEventTypes.Credential.Updated], ct);
            throw new EditConflictException($"{credential.Name}'s dates were changed by {who} after you opened them (now: expires {Date(credential.ExpiresUtc)}, " +
                $"last used {Date(credential.LastUsedUtc)}). Nothing was saved; reload to see the change.");
        }
        var before = new { credential.ExpiresUtc, credential.LastUsedUtc };
        credential.ExpiresUtc = update.ExpiresUtc;
        credential.LastUsedUtc = update.LastUsedUtc ?? credential.LastUsedUtc;
        if (before.ExpiresUtc == credential.ExpiresUtc && before.LastUsedUtc == credential.LastUsedUtc)
        {
            return;
        }
        audit.Append(db, AuditStream.Credential, AuditEventTypes.Credential.Updated, user, "Credential", AuditWriter.TargetKey(credential.Id),
            $"{credential.Name}: expiry {Date(before.ExpiresUtc)} → {Date(credential.ExpiresUtc)}, last used {Date(before.LastUsedUtc)} → {Date(credential.LastUsedUtc)}. Reason: {update.Reason.Trim()}",
            before, new { credential.ExpiresUtc, credential.LastUsedUtc, Reason = update.Reason.Trim() });
        credential.Version++;
        if (credential.IdentityId is { } identityId)
        {
            followUps.Rescore(db, user, [identityId], "credential dates changed");
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new EditConflictException($"Someone changed {credential.Name}'s dates a moment ago. Nothing was saved; reload to see their change.");
        }
    }

    private static string Date(DateTime? value) => value?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "none";
}
