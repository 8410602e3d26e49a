namespace NhiPortal.Infrastructure.Leaks;

/// <summary><c>leaks.revoke</c>: the run an auto-revoke environment asks for; it takes the follow-up's id.</summary>
public sealed record LeakRevokePayload(Guid ReportId, Guid CredentialId, string Reason, string ReportedBy);
