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

    /// <summary>
    /// A cursor read for machines (the API, a SIEM catching up): events after this sequence number, oldest first, not
    /// counted (the page's total is -1). Without it, the newest come first, counted, as the grid shows them.
    /// </summary>
    public long? AfterId { get; init; }
}

/// <summary>A page of events and how many match in all (-1 for a cursor read, which does not count).</summary>
public sealed record AuditPage(IReadOnlyList<AuditEventRow> Rows, int TotalCount);

/// <summary>Reads the audit log for people allowed to see it; writing happens inside each change's transaction.</summary>
public interface IAuditLog
{
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct = default);

    /// <summary>Seals what is not yet chained, then recomputes every stream's chain and reports each break (auditors and operators).</summary>
    Task<ChainVerification> VerifyChainAsync(CancellationToken ct = default);
}
