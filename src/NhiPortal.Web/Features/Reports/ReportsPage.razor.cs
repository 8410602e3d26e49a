using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Reports;

namespace NhiPortal.Web.Features.Reports;

public partial class ReportsPage
{
    private DateTime? _from;
    private DateTime? _to;
    private string _stream = "";
    private string? _problem;
    private ReportExportList? _list;

    // The catalog's period reports this caller may run; a campaign's report is offered on its campaign's page.
    private IReadOnlyList<ReportDefinition> _reports = [];

    protected override async Task OnInitializedAsync()
    {
        var user = await CurrentUser.GetAsync();
        _reports = ReportCatalog.All.Where(r => !r.ForCampaign && r.MayRun(user)).ToList();
        var today = Clock.GetUtcNow().UtcDateTime.Date;
        _to = today;
        _from = today.AddDays(-30);
    }

    private static string Icon(ReportKind kind) => kind switch
    {
        ReportKind.CredentialHygiene => MudBlazor.Icons.Material.Filled.Key,
        ReportKind.Ownership => MudBlazor.Icons.Material.Filled.PersonOff,
        ReportKind.Revocations => MudBlazor.Icons.Material.Filled.GppBad,
        ReportKind.AuditExtract => MudBlazor.Icons.Material.Filled.FactCheck,
        ReportKind.AccessReview => MudBlazor.Icons.Material.Filled.HowToReg,
        ReportKind.ReviewFollowUps => MudBlazor.Icons.Material.Filled.TaskAlt,
    };

    private string Link(ReportDefinition report, ReportFormat format)
    {
        var query = $"format={ReportCatalog.Slug(format)}";
        if (_from is { } from) query += $"&from={from:yyyy-MM-dd}";
        if (_to is { } to) query += $"&to={to:yyyy-MM-dd}";
        if (_stream.Length > 0) query += $"&stream={_stream}";
        return $"reports/{report.Slug}?{query}";
    }

    /// <summary>The same request a download link carries ("to" inclusive of its day), queued for the export job.</summary>
    private async Task PrepareAsync(ReportDefinition report, ReportFormat format)
    {
        _problem = null;
        var stream = Enum.TryParse<AuditStream>(_stream, out var s) ? s : (AuditStream?)null;
        var request = new ReportRequest(report.Kind, format, Utc(_from), Utc(_to)?.AddDays(1), stream);
        try
        {
            await Exports.RequestAsync(request);
        }
        catch (Exception ex) when (ex is ValidationException or AccessDeniedException)
        {
            _problem = ex.Message;
            return;
        }
        if (_list is not null)
        {
            await _list.RefreshAsync();
        }
    }

    private static DateTime? Utc(DateTime? day) => day is { } d ? DateTime.SpecifyKind(d.Date, DateTimeKind.Utc) : null;
}
