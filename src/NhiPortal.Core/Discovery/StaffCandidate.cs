namespace NhiPortal.Core.Discovery;

/// <summary>A staff member an owner hint may name.</summary>
public sealed record StaffCandidate(Guid Id, string Subject, string DisplayName, string? Email, bool IsActive);
