namespace NhiPortal.Core.Outbox;

/// <summary><see cref="FollowUpTypes.Rescore"/>: these identities, or everything (a policy change, an import, an expiry sweep).</summary>
public sealed record RescorePayload(IReadOnlyList<Guid> IdentityIds, bool All, string Why);
