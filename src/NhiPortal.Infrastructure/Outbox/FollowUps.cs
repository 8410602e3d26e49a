using System.Text.Json;
using NhiPortal.Core.Access;
using NhiPortal.Core.Outbox;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Outbox;

/// <summary>
/// Adds follow-up rows to the caller's context, so they commit (or roll back) with the change that causes them:
/// a change that commits always has its follow-up, and a change that fails leaves none.
/// </summary>
public sealed class FollowUps(TimeProvider clock, OutboxSignal signal)
{
    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public OutboxMessage Add(NhiPortalDbContext db, string type, PortalUser actor, string subjectType, string? subjectId, object payload, Guid? id = null)
    {
        var message = new OutboxMessage
        {
            Id = id ?? Guid.NewGuid(), Type = type, OccurredUtc = clock.GetUtcNow().UtcDateTime, Actor = actor.Subject, OnBehalfOf = actor.OnBehalfOf,
            SubjectType = subjectType, SubjectId = subjectId, PayloadJson = JsonSerializer.Serialize(payload, payload.GetType(), Json),
            NextAttemptUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Outbox.Add(message);
        // Only a hint: the dispatcher polls anyway, and sees the row once the caller's transaction commits.
        signal.Raise();
        return message;
    }

    /// <summary>These identities' scores are stale (ownership, attestation, credentials changed).</summary>
    public void Rescore(NhiPortalDbContext db, PortalUser actor, IEnumerable<Guid> identityIds, string why)
    {
        var ids = identityIds.Distinct().ToList();
        if (ids.Count > 0)
        {
            Add(db, FollowUpTypes.Rescore, actor, "Identities", ids.Count == 1 ? ids[0].ToString("D") : $"{ids.Count} identities", new RescorePayload(ids, false, why));
        }
    }

    /// <summary>Every score is stale (a policy change, an import, an expiry sweep): one full rescore with a new snapshot.</summary>
    public void RescoreAll(NhiPortalDbContext db, PortalUser actor, string why) =>
        Add(db, FollowUpTypes.Rescore, actor, "Organisation", null, new RescorePayload([], true, why));

    internal static T Read<T>(OutboxMessage message) =>
        JsonSerializer.Deserialize<T>(message.PayloadJson, Json) ?? throw new InvalidOperationException($"Follow-up {message.Id} has no {typeof(T).Name} payload.");
}
