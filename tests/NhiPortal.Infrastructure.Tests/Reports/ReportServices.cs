using NhiPortal.Core.Access;
using NhiPortal.Core.Reports;

namespace NhiPortal.Infrastructure.Tests.Reports;

/// <summary>The report service over a test database, as a given caller.</summary>
internal static class ReportServices
{
    public static IReportService As(TestDatabase database, string subject, PortalRole role) => TestPortal.For(database).As<IReportService>(subject, role);
}
