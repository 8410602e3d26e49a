namespace NhiPortal.Core.Audit;

public sealed record AuditEventRow(
    long Id,
    AuditStream Stream,
    string Type,
    DateTime OccurredUtc,
    string Actor,
    string TargetType,
    string? TargetId,
    string? Summary,
    string? CorrelationId);

public sealed record AuditQuery(AuditStream? Stream, string? Search, int Skip, int Take);

public sealed record AuditPage(IReadOnlyList<AuditEventRow> Rows, int TotalCount);

/// <summary>Reads the audit log for people allowed to see it; writing happens inside each change's transaction.</summary>
public interface IAuditLog
{
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct = default);
}
