namespace NhiPortal.Core.Reviews;

public sealed record EvidenceCredential(string Name, string Kind, string? Grade, DateTime? LastUsedUtc);
