using NhiPortal.Core.Access;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Hygiene;
using NhiPortal.Infrastructure.Reports;

namespace NhiPortal.Infrastructure.Tests.Reports;

/// <summary>The report service over a test database, as a given caller.</summary>
internal static class ReportServices
{
    public static ReportService As(TestDatabase database, string subject, PortalRole role) => new(database, FixedCurrentUser.As(subject, role),
        new AuditWriter(database.Clock), database.Clock, new HygieneRescorer(database, database.Clock),
        new AuditChainSealer(database, database.Clock), new AuditChainVerifier(database, database.Clock));
}
