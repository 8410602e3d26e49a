using NhiPortal.Core.Usage;

namespace NhiPortal.Infrastructure.Discovery.Postgres;

/// <summary>What one pass over the connection log found: the events, where to continue, and how many lines were not JSON log lines.</summary>
public sealed record ConnectionLogRead(IReadOnlyList<UsageEvent> Events, string? NextCursor, int MalformedLines);
