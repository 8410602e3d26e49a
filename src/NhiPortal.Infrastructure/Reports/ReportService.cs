using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Reports;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>
/// A report as a direct download: the caller and role checks and the writing are shared with the export job
/// (<see cref="ReportWriter"/>). A report the catalog always prepares, or one counted above
/// <see cref="ReportOptions.ImmediateRowLimit"/> rows, is refused here: a request must not hold it for minutes.
/// </summary>
internal sealed class ReportService(ICurrentUser currentUser, ReportWriter writer, ReportSources sources, ReportOptions options) : IReportService
{
    public async Task<ReportResult> WriteAsync(ReportRequest request, Stream output, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        ReportWriter.Check(request, user);
        var definition = ReportCatalog.For(request.Kind);
        var source = sources.For(request.Kind);
        if (definition.AlwaysPrepared)
        {
            throw new ValidationException($"\"{definition.Name}\" is prepared in the background: use Prepare on the Reports page and download it when it is ready.");
        }
        var rows = await writer.CountAsync(request, user, source, ct);
        if (rows > options.ImmediateRowLimit)
        {
            throw new ValidationException(
                $"\"{definition.Name}\" has {rows:N0} rows, more than {options.ImmediateRowLimit:N0} for a direct download: use Prepare on the Reports page.");
        }
        return await writer.WriteAsync(request, user, output, source, ReportProgress.None, null, ct);
    }
}
