using Microsoft.AspNetCore.Http.HttpResults;
using NhiPortal.Core.Audit;

namespace NhiPortal.Web.Api;

/// <summary>The audit log as a cursor over its sequence numbers, oldest first: a SIEM or a script catches up from where it stopped.</summary>
public static class AuditApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/audit-events", ListAsync).WithName("ListAuditEvents").WithTags("Audit")
            .WithSummary("Audit events after a sequence number (the after parameter or a cursor), filtered by stream, actor, target and time.");

    private static async Task<Ok<ApiPage<AuditEventRow>>> ListAsync(IAuditLog audit, long? after, AuditStream? stream, string? actor, string? target,
        DateTime? from, DateTime? to, int? limit, string? cursor, CancellationToken ct)
    {
        var take = ApiCursor.Limit(limit);
        if (after is < 0)
        {
            throw new ApiInputException("after", "after is a sequence number, 0 or more.");
        }
        if (cursor is not null && after is not null)
        {
            throw new ApiInputException("cursor", "Give either after or cursor, not both.");
        }
        var query = new AuditQuery(stream, null, 0, take)
        {
            Actor = actor, Target = target, FromUtc = Utc(from, "from"), ToUtc = Utc(to, "to"),
            AfterId = ApiCursor.DecodeSequence(cursor) ?? after ?? 0,
        };
        var page = await audit.QueryAsync(query, ct);
        return TypedResults.Ok(ApiPage<AuditEventRow>.Of(page.Rows, take, r => ApiCursor.Encode(r.Id)));
    }

    private static DateTime? Utc(DateTime? value, string field) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Utc } utc => utc,
        { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        _ => throw new ApiInputException(field, $"{field} needs a time zone (e.g. 2026-12-01T09:00:00Z)."),
    };
}
