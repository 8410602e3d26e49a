namespace NhiPortal.Infrastructure.Leaks;

/// <summary>
/// <c>leaks.revoke</c>: the run an auto-revoke environment asks for; it takes the follow-up's id. It revokes the matched
/// credential and every other credential holding the same value that is active in an auto-revoke environment with a
/// connector (<paramref name="AlsoRevoke"/>): a leaked value opens each of them.
/// </summary>
public sealed record LeakRevokePayload(Guid ReportId, Guid CredentialId, string Reason, string ReportedBy, IReadOnlyList<Guid>? AlsoRevoke = null);
