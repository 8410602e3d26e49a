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

public sealed record AuditQuery(AuditStream? Stream, string? Search, int Skip, int Take)
{
    public string? Actor { get; init; }

    /// <summary>An exact target id (an identity's or credential's id, a run id).</summary>
    public string? Target { get; init; }

    public DateTime? FromUtc { get; init; }

    public DateTime? ToUtc { get; init; }
}

public sealed record AuditPage(IReadOnlyList<AuditEventRow> Rows, int TotalCount);

/// <summary>Reads the audit log for people allowed to see it; writing happens inside each change's transaction.</summary>
public interface IAuditLog
{
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct = default);

    /// <summary>Seals what is not yet chained, then recomputes every stream's chain and reports each break (auditors and operators).</summary>
    Task<ChainVerification> VerifyChainAsync(CancellationToken ct = default);
}
