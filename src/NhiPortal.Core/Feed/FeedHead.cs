using NhiPortal.Core.Audit;

namespace NhiPortal.Core.Feed;

/// <summary>A stream's latest sealed link: a SIEM that keeps these sees a truncated or rebuilt chain.</summary>
public sealed record FeedHead(AuditStream Stream, long Sequence, long EventId, string Hash, DateTime SealedUtc, string Algorithm);
