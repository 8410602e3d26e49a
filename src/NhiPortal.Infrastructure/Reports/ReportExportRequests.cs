using System.Globalization;
using System.Text.Json;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Reports;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>A prepared export's request and requester, to and from its row.</summary>
internal static class ReportExportRequests
{
    private sealed record Filters(DateTime? FromUtc, DateTime? ToUtc, AuditStream? Stream, Guid? CampaignId);

    public static string ToJson(ReportRequest request) => JsonSerializer.Serialize(new Filters(request.FromUtc, request.ToUtc, request.Stream, request.CampaignId));

    public static ReportRequest Request(ReportExport row)
    {
        var filters = JsonSerializer.Deserialize<Filters>(row.RequestJson) ?? throw new InvalidOperationException("The export's request is empty.");
        return new ReportRequest(row.Kind, row.Format, Utc(filters.FromUtc), Utc(filters.ToUtc), filters.Stream, filters.CampaignId);
    }

    public static string Roles(PortalUser user) => string.Join(',', user.Roles.Order());

    /// <summary>The requester as they were checked when they asked: the job writes with exactly those rights.</summary>
    public static PortalUser Requester(ReportExport row) => new(row.RequestedBySubject, row.RequestedByName, null,
        row.RequestedRoles.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<PortalRole>).ToHashSet());

    public static string Describe(ReportRequest request)
    {
        var parts = new List<string>();
        if (request.FromUtc is { } from || request.ToUtc is not null)
        {
            parts.Add($"{Day(request.FromUtc) ?? "30 days back"} to {Day(request.ToUtc?.AddDays(-1)) ?? "now"}");
        }
        if (request.Stream is { } stream)
        {
            parts.Add($"stream {stream}");
        }
        if (request.CampaignId is { } campaign)
        {
            parts.Add($"campaign {campaign:D}");
        }
        return parts.Count == 0 ? "all" : string.Join(", ", parts);
    }

    public static ReportExportView View(ReportExport row) => new(row.Id, row.Kind, row.Format, Describe(Request(row)), row.State, row.RowsWritten,
        row.RowsExpected, row.RequestedUtc, row.CompletedUtc, row.ExpiresUtc, row.FileName, row.DataSha256, row.Error);

    private static string? Day(DateTime? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTime? Utc(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;
}
