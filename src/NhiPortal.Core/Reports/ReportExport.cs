namespace NhiPortal.Core.Reports;

/// <summary>
/// A report prepared in the background (the "Prepare" button): what was asked, by whom, how far the job got, and the
/// file's name and checksum once it is ready. The file itself lives outside the database and is removed at <see cref="ExpiresUtc"/>.
/// </summary>
public sealed class ReportExport
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required ReportKind Kind { get; set; }

    public required ReportFormat Format { get; set; }

    /// <summary>The request's filters as JSON (period, stream, campaign), exactly as they were checked.</summary>
    public required string RequestJson { get; set; }

    public required string RequestedBySubject { get; set; }

    public required string RequestedByName { get; set; }

    /// <summary>The requester's portal roles when they asked (comma-separated): the job writes the report with the rights they were checked with.</summary>
    public required string RequestedRoles { get; set; }

    public required DateTime RequestedUtc { get; set; }

    public ReportExportState State { get; set; } = ReportExportState.Queued;

    public long RowsWritten { get; set; }

    public long? RowsExpected { get; set; }

    public string? FileName { get; set; }

    public string? DataSha256 { get; set; }

    public string? Error { get; set; }

    public DateTime? StartedUtc { get; set; }

    public DateTime? CompletedUtc { get; set; }

    public DateTime? ExpiresUtc { get; set; }
}
