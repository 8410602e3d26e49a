using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>Wakes this instance's export job when someone asked for an export here.</summary>
public sealed class ReportExportSignal : WakeUpSignal;
