using MudBlazor;
using NhiPortal.Core.Common;
using NhiPortal.Core.Reviews;

namespace NhiPortal.Web.Features.Reviews;

public partial class MyReviewsPage
{
    private const int PageSize = 50;
    private ReviewQueueSummary? _summary;
    private MudTable<ReviewItemView>? _table;
    private HashSet<ReviewItemView> _selected = [];
    private string? _search;

    protected override async Task OnInitializedAsync() => _summary = await Queue.MyQueueSummaryAsync();

    private async Task<TableData<ReviewItemView>> LoadPageAsync(TableState state, CancellationToken ct)
    {
        var page = await Queue.MyQueuePageAsync(new PageRequest(state.Page * state.PageSize, state.PageSize), search: _search, ct: ct);
        return new TableData<ReviewItemView> { Items = page.Rows, TotalItems = page.TotalCount };
    }

    private async Task SearchAsync(string? term)
    {
        _search = term;
        await (_table?.ReloadServerData() ?? Task.CompletedTask);
    }

    private async Task ReloadAsync()
    {
        _summary = await Queue.MyQueueSummaryAsync();
        _selected = [];
        await (_table?.ReloadServerData() ?? Task.CompletedTask);
    }

    private string TimeLeft(DateTime deadline) => ReviewRules.TimeLeft(deadline, Clock.GetUtcNow().UtcDateTime) ?? "closing";

    private async Task DecideSelectedAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Decide a selection",
            $"Record one decision for {_selected.Count} NHIs? Each is recorded and audited on its own.", yesText: "Continue", cancelText: "Cancel");
        if (confirmed == true)
        {
            await DecideAsync(_selected.ToList());
        }
    }

    private async Task DecideAsync(IReadOnlyList<ReviewItemView> items)
    {
        var dialog = await Dialogs.ShowAsync<DecisionDialog>("Decide", new DialogParameters<DecisionDialog> { { d => d.Items, items } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: int count })
        {
            Snackbar.Add($"{count} decision(s) recorded.", Severity.Success);
        }
        await ReloadAsync();
    }

    private async Task DelegateAsync(ReviewItemView item)
    {
        var dialog = await Dialogs.ShowAsync<DelegateDialog>("Delegate", new DialogParameters<DelegateDialog> { { d => d.Item, item } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add("Delegated.", Severity.Success);
            await ReloadAsync();
        }
    }
}
