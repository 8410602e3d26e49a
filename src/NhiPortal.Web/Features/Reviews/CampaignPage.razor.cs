using MudBlazor;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Reviews;

namespace NhiPortal.Web.Features.Reviews;

public partial class CampaignPage
{
    private CampaignProgress? _progress;
    private MudTable<ReviewItemView>? _table;
    private string? _error;
    private IReadOnlyDictionary<Guid, string> _names = new Dictionary<Guid, string>();
    private readonly CancellationTokenSource _stop = new();

    // While a campaign starts in the background, its progress is re-read this often.
    private static readonly TimeSpan StartingPoll = TimeSpan.FromSeconds(1);

    [Microsoft.AspNetCore.Components.Parameter] public Guid Id { get; set; }

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _ = FollowStartAsync();
        }
    }

    private async Task FollowStartAsync()
    {
        using var timer = new PeriodicTimer(StartingPoll);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (_progress?.Campaign.Status == CampaignStatus.Starting)
                {
                    await InvokeAsync(async () =>
                    {
                        await LoadAsync();
                        StateHasChanged();
                        await (_table?.ReloadServerData() ?? Task.CompletedTask);
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page was left.
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            _progress = await Campaigns.GetProgressAsync(Id);
            _names = _progress.StageReviewerNames;
        }
        catch (Exception ex) when (ex is NotFoundException or AccessDeniedException)
        {
            _error = ex.Message;
        }
    }

    private async Task<TableData<ReviewItemView>> LoadItemsAsync(TableState state, CancellationToken ct)
    {
        var page = await Campaigns.GetItemsAsync(Id, new PageRequest(state.Page * state.PageSize, state.PageSize), ct);
        return new TableData<ReviewItemView> { Items = page.Rows, TotalItems = page.TotalCount };
    }

    private string TimeLeft(DateTime? deadline) => ReviewRules.TimeLeft(deadline ?? DateTime.MaxValue, Clock.GetUtcNow().UtcDateTime) ?? "none";

    private async Task CloseAsync()
    {
        var c = _progress!.Campaign;
        var confirmed = c.InLastStage
            ? await Dialogs.ShowMessageBoxAsync("Close the campaign now",
                $"Unanswered items will be: {ReviewRules.Describe(c.Unanswered)}. Close now?", yesText: "Close now", cancelText: "Cancel")
            : await Dialogs.ShowMessageBoxAsync($"End stage {c.CurrentStage} now",
                $"Items this stage passes on go to stage {c.CurrentStage + 1} as they are; items whose last stage this is and that nobody answered will be: {ReviewRules.Describe(c.Unanswered)}. End the stage now?",
                yesText: "End stage now", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }
        try
        {
            await Commands.CloseAsync(Id);
            Snackbar.Add(c.InLastStage ? "Campaign closed; its result is frozen." : $"Stage {c.CurrentStage} ended; the next stage's items are being frozen.", Severity.Success);
        }
        catch (Exception ex) when (ex is ValidationException or AccessDeniedException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        await LoadAsync();
        await (_table?.ReloadServerData() ?? Task.CompletedTask);
    }

    private async Task RerunAsync()
    {
        try
        {
            var id = await Commands.RerunNonRespondersAsync(Id);
            Navigation.NavigateTo($"reviews/{id}");
        }
        catch (Exception ex) when (ex is ValidationException or AccessDeniedException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
