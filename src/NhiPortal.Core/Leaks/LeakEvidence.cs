using NhiPortal.Core.Credentials;

namespace NhiPortal.Core.Leaks;

/// <summary>A validated report: the fingerprint in place of any value, and the texts trimmed and checked.</summary>
public sealed record LeakEvidence(Fingerprint Fingerprint, string Location, string Scanner, string? ExternalId, DateTime? FoundUtc);
