namespace NhiPortal.Infrastructure.Leaks;

/// <summary><c>leaks.notify</c>: the report whose owner and operators are to be told.</summary>
public sealed record LeakNotifyPayload(Guid ReportId);
