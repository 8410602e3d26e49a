using Microsoft.AspNetCore.Components;
using MudBlazor;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Usage;
using NhiPortal.Web.Components.Shared;
using NhiPortal.Web.Features.Revocation;

namespace NhiPortal.Web.Features.Usage;

public partial class AnomalyList
{
    private const int Take = 100;
    private IReadOnlyList<AnomalyRow> _rows = [];
    private int _total;
    private bool _loading = true;
    private bool _canTriage;
    private bool _canRevoke;
    private string? _error;

    [Inject] private IAnomalyQueries Queries { get; set; } = null!;
    [Inject] private IAnomalyTriage Triage { get; set; } = null!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    /// <summary>Which flags to list.</summary>
    [Parameter] public AnomalyFilter Filter { get; set; } = new();

    /// <summary>Link each flag to its identity (off on the identity's own page).</summary>
    [Parameter] public bool ShowIdentity { get; set; } = true;

    /// <summary>Raised after a flag changed, so a page can refresh its counts.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var user = await CurrentUser.GetAsync();
        _canTriage = user.Can(Capability.TriageAnomalies);
        _canRevoke = user.Can(Capability.Revoke) && _canTriage;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            var page = await Queries.QueryAsync(Filter, 0, Take);
            (_rows, _total, _error) = (page.Rows, page.TotalCount, null);
        }
        catch (AccessDeniedException ex)
        {
            _error = ex.Message;
        }
        finally
        {
            _loading = false;
        }
    }

    private Task AcknowledgeAsync(AnomalyRow row) =>
        CloseAsync(row, $"Acknowledge: {row.Explanation}", "Acknowledge", reason => Triage.AcknowledgeAsync(row.Id, reason));

    private Task FalsePositiveAsync(AnomalyRow row) =>
        CloseAsync(row, $"Mark as a false positive: the baseline of {row.CredentialName} will accept this from now on. {row.Explanation}", "False positive",
            reason => Triage.MarkFalsePositiveAsync(row.Id, reason));

    private async Task CloseAsync(AnomalyRow row, string message, string confirm, Func<string, Task> action)
    {
        var dialog = await Dialogs.ShowAsync<ReasonDialog>(confirm, new DialogParameters<ReasonDialog>
        {
            { d => d.Message, message }, { d => d.ConfirmText, confirm },
        }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: string reason })
        {
            await RunAsync(() => action(reason), $"{AnomalyRules.Label(row.Rule)} flag on {row.CredentialName}: {confirm.ToLowerInvariant()}.");
        }
    }

    // "Revoke" opens the same revocation flow as the identity page, preselected for this credential, and closes the flag with the run.
    private async Task RevokeAsync(AnomalyRow row)
    {
        var dialog = await Dialogs.ShowAsync<RevokeDialog>("Revoke", new DialogParameters<RevokeDialog>
        {
            { d => d.CredentialIds, new[] { row.CredentialId } }, { d => d.Title, $"Revoke {row.CredentialName}" },
        }, new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: Guid runId })
        {
            await RunAsync(() => Triage.MarkRevokedAsync(row.Id, runId), $"Revocation run started for {row.CredentialName}.");
        }
    }

    private async Task RunAsync(Func<Task> action, string done)
    {
        try
        {
            await action();
            Snackbar.Add(done, Severity.Success);
        }
        catch (Exception ex) when (ex is ValidationException or NotFoundException or AccessDeniedException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        await LoadAsync();
        await Changed.InvokeAsync();
    }
}
