namespace NhiPortal.Core.Discovery;

public sealed record DiscoveryRunRow(
    Guid Id, string Source, string TriggeredBy, DateTime StartedUtc, DateTime? EndedUtc, DiscoveryRunStatus Status,
    int Read, int New, int Changed, int Gone, int Conflicts, int Errors, int UsageEvents, string? Error, IReadOnlyList<ObjectError> ObjectErrors);
