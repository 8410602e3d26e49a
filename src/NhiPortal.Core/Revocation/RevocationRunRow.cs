
namespace NhiPortal.Core.Revocation;

public sealed record RevocationRunRow(
    Guid Id, string Reason, string RequestedByName, DateTime RequestedUtc, DateTime? CompletedUtc, RevocationRunStatus Status,
    string? IdentityName, int Steps, int Failed);
