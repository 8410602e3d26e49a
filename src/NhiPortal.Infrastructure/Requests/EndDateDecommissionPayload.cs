namespace NhiPortal.Infrastructure.Requests;

/// <summary>The end that was reached: a handler finding the identity's end moved since does nothing.</summary>
public sealed record EndDateDecommissionPayload(Guid IdentityId, DateTime EndsUtc);
