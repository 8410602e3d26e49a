using System.Globalization;
using MudBlazor;
using NhiPortal.Core.Reports;

namespace NhiPortal.Web.Features.Reports;

/// <summary>The caller's prepared exports, refreshed every two seconds while one of them is still queued or running.</summary>
public partial class ReportExportList
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(2);
    private readonly CancellationTokenSource _closing = new();
    private IReadOnlyList<ReportExportView> _exports = [];
    private Task _following = Task.CompletedTask;

    /// <summary>Reads the list again (after the page asked for a new export) and follows it until everything is finished.</summary>
    public async Task RefreshAsync()
    {
        _exports = await Exports.ListMineAsync(_closing.Token);
        StateHasChanged();
        if (_following.IsCompleted && _exports.Any(e => !e.IsFinished))
        {
            _following = FollowAsync();
        }
    }

    protected override Task OnInitializedAsync() => RefreshAsync();

    private async Task FollowAsync()
    {
        try
        {
            using var timer = new PeriodicTimer(RefreshEvery);
            while (_exports.Any(e => !e.IsFinished) && await timer.WaitForNextTickAsync(_closing.Token))
            {
                _exports = await Exports.ListMineAsync(_closing.Token);
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
            // The page was left; the job goes on without it.
        }
    }

    private static Color Colour(ReportExportState state) => state switch
    {
        ReportExportState.Queued => Color.Default,
        ReportExportState.Running => Color.Info,
        ReportExportState.Ready => Color.Success,
        ReportExportState.Failed => Color.Error,
        ReportExportState.Expired => Color.Dark,
    };

    private static string Rows(ReportExportView export) => export.RowsExpected is { } total
        ? $"{export.RowsWritten.ToString("N0", CultureInfo.InvariantCulture)} of {total.ToString("N0", CultureInfo.InvariantCulture)} rows"
        : export.State == ReportExportState.Queued ? "waiting for the export job" : "counting rows";

    public void Dispose()
    {
        _closing.Cancel();
        _closing.Dispose();
    }
}
