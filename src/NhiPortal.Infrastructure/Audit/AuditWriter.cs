using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Audit;

/// <summary>
/// Adds audit rows to the caller's context, so they commit (or roll back) with the change they record. Each row carries
/// the portal's MAC of its content, so one inserted or edited in the database is told apart and never sealed.
/// </summary>
public sealed class AuditWriter(TimeProvider clock, AuditChainKey key)
{
    /// <summary>
    /// The text form of an entity id in <see cref="AuditEvent.TargetId"/>: upper-case, as both providers render a
    /// GUID in SQL, so the log can be joined to the tables it describes.
    /// </summary>
    public static string TargetKey(Guid id) => id.ToString("D").ToUpperInvariant();

    public const int SummaryMaximum = 1000;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public AuditEvent Append(
        NhiPortalDbContext db,
        AuditStream stream,
        string type,
        PortalUser actor,
        string targetType,
        string? targetId,
        string? summary,
        object? before = null,
        object? after = null,
        string? correlationId = null)
    {
        var row = Create(stream, type, actor, targetType, targetId, summary, before, after, correlationId);
        db.AuditEvents.Add(row);
        return row;
    }

    /// <summary>
    /// Writes many rows made by <see cref="Create"/> now, inside the caller's transaction, by the provider's bulk path
    /// (<see cref="BulkRows"/>), after the context's other pending changes are saved.
    /// </summary>
    public static async Task AppendManyAsync(NhiPortalDbContext db, IReadOnlyCollection<AuditEvent> rows, bool forceNeutralPath = false, CancellationToken ct = default)
    {
        if (rows.Count == 0)
        {
            return;
        }
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Audit rows are appended in bulk only inside the transaction of the change they record.");
        }
        if (!forceNeutralPath)
        {
            if (!db.Database.IsSqlite())
            {
                await db.SaveChangesAsync(ct);
            }
            await BulkRows.InsertAsync(db, rows, ct);
            return;
        }
        db.AuditEvents.AddRange(rows);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A row not yet added to any context (for bulk paths that insert rows themselves).</summary>
    public AuditEvent Create(
        AuditStream stream,
        string type,
        PortalUser actor,
        string targetType,
        string? targetId,
        string? summary,
        object? before = null,
        object? after = null,
        string? correlationId = null)
    {
        var row = new AuditEvent
        {
            Stream = stream,
            Type = type,
            OccurredUtc = Microseconds(clock.GetUtcNow().UtcDateTime),
            Actor = actor.Subject,
            OnBehalfOf = actor.OnBehalfOf is null ? null : Reasons.Fit(actor.OnBehalfOf, 300),
            TargetType = targetType,
            TargetId = targetId,
            // The summary is for people; anything structured (a reason, a run id) goes in the payload as well, in full.
            Summary = summary is null ? null : Reasons.Fit(summary, SummaryMaximum),
            BeforeJson = before is null ? null : JsonSerializer.Serialize(before, Json),
            AfterJson = after is null ? null : JsonSerializer.Serialize(after, Json),
            CorrelationId = correlationId,
        };
        // Last, over the final values: the bulk path writes every mapped property, this one included.
        row.Mac = key.EventMac(row);
        return row;
    }

    // The MAC covers the time as written; PostgreSQL keeps microseconds (not .NET's 100 ns ticks), so the time is cut to
    // what every provider stores before it is signed, and reads back equal.
    private static DateTime Microseconds(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
}
