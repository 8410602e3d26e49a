using Microsoft.AspNetCore.Components;
using MudBlazor;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Feed;

namespace NhiPortal.Web.Features.Feed;

public partial class FeedPage
{
    private IReadOnlyList<FeedDestinationRow>? _rows;
    private string? _error;

    [Inject] private IFeedDestinations Feed { get; set; } = null!;

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _rows = await Feed.ListAsync();
            _error = null;
        }
        catch (AccessDeniedException ex)
        {
            _error = ex.Message;
            _rows = [];
        }
    }

    private static string SecretReference(FeedDestinationRow d) => d.Kind switch
    {
        FeedKind.Syslog => "",
        FeedKind.Webhook => string.Join(" + ", new[] { d.SecretVariable ?? d.SecretFile, d.PreviousSecretVariable ?? d.PreviousSecretFile }.OfType<string>()),
    };

    private async Task EditAsync(FeedDestinationRow? row)
    {
        var dialog = await Dialogs.ShowAsync<FeedDestinationDialog>(row is null ? "Add a feed destination" : $"Change {row.Name}",
            new DialogParameters<FeedDestinationDialog> { { d => d.Destination, row } }, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: FeedDestinationRow saved })
        {
            Snackbar.Add($"Saved \"{saved.Name}\".", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task ToggleAsync(FeedDestinationRow row)
    {
        await RunAsync(() => Feed.SetEnabledAsync(row.Id, !row.Enabled, row.Version), $"\"{row.Name}\" {(row.Enabled ? "disabled" : "enabled")}.");
    }

    private async Task ReplayAsync(FeedDestinationRow row)
    {
        var dialog = await Dialogs.ShowAsync<ReplayDialog>($"Replay to {row.Name}", new DialogParameters<ReplayDialog>
        {
            { d => d.DestinationName, row.Name },
            { d => d.SuggestedFrom, row.Cursor + 1 },
        });
        if (await dialog.Result is { Canceled: false, Data: long from })
        {
            await RunAsync(() => Feed.ReplayAsync(row.Id, from), $"\"{row.Name}\" receives every event from {from} again.");
        }
    }

    private async Task RunAsync(Func<Task> action, string done)
    {
        try
        {
            await action();
            Snackbar.Add(done, Severity.Success);
        }
        catch (Exception ex) when (ex is ValidationException or EditConflictException or NotFoundException or AccessDeniedException)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
        }
        await LoadAsync();
    }
}
