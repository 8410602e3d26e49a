using NhiPortal.Core.Access;
using NhiPortal.Core.Reports;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>A checked request: who asks, in which export scope, at what time, over which period.</summary>
internal sealed record ReportContext(ReportRequest Request, PortalUser User, AccessScope ExportScope, DateTime Now, DateTime From, DateTime To)
{
    public string Period => $"{From:yyyy-MM-dd HH:mm} to {To:yyyy-MM-dd HH:mm} UTC";
}
