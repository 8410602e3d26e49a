namespace NhiPortal.Core.Reports;

/// <summary>Where a prepared export is: waiting for the job, being written, ready to download, failed, or removed after its time.</summary>
public enum ReportExportState
{
    Queued,
    Running,
    Ready,
    Failed,
    Expired,
}
