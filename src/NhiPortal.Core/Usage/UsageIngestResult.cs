namespace NhiPortal.Core.Usage;

/// <summary>Events taken in, events naming no known credential (counted, not stored), and the first problems met.</summary>
public sealed record UsageIngestResult(int Accepted, int Unmatched, IReadOnlyList<string> Problems);
