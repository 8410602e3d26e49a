namespace NhiPortal.Core.Usage;

/// <summary>Usage read from a source since a cursor, and the cursor to continue from next time.</summary>
public sealed record UsageRead(IReadOnlyList<UsageEvent> Events, string? NextCursor);
