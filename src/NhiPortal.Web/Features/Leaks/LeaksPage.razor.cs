using Microsoft.AspNetCore.Components;
using MudBlazor;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Leaks;
using NhiPortal.Web.Components.Shared;

namespace NhiPortal.Web.Features.Leaks;

public partial class LeaksPage
{
    private const int Take = 200;
    private IReadOnlyList<LeakRow> _rows = [];
    private LeakFilter _filter = LeakFilter.All;
    private int _total;
    private bool _loading = true;
    private bool _canRevoke;
    private string? _error;

    [Inject] private ILeakQueries Queries { get; set; } = null!;
    [Inject] private ILeakIntake Intake { get; set; } = null!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    /// <summary>One report, as a notification links to it.</summary>
    [SupplyParameterFromQuery(Name = "report")] public Guid? ReportId { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _canRevoke = (await CurrentUser.GetAsync()).Can(Capability.Revoke);
        await LoadAsync();
    }

    private async Task OnFilterChangedAsync(LeakFilter filter)
    {
        _filter = filter;
        ReportId = null;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            if (ReportId is { } id)
            {
                (_rows, _total) = ([await Queries.GetAsync(id)], 1);
            }
            else
            {
                var page = await Queries.ListAsync(_filter, 0, Take);
                (_rows, _total) = (page.Rows, page.TotalCount);
            }
            _error = null;
        }
        catch (Exception ex) when (ex is AccessDeniedException or NotFoundException)
        {
            (_rows, _error) = ([], ex.Message);
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task RevokeAsync(LeakRow row)
    {
        var dialog = await Dialogs.ShowAsync<ReasonDialog>("Revoke now", new DialogParameters<ReasonDialog>
        {
            { d => d.Message, $"Revoke {row.CredentialName} through its connector now: the secret found at {row.Location} stops working. Give the incident id." },
            { d => d.ConfirmText, "Revoke now" }, { d => d.ConfirmColor, Color.Error },
        }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: string reason })
        {
            return;
        }
        try
        {
            await Intake.RevokeNowAsync(row.Id, reason);
            Snackbar.Add($"Revocation run started for {row.CredentialName}.", Severity.Success);
        }
        catch (Exception ex) when (ex is ValidationException or NotFoundException or AccessDeniedException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        await LoadAsync();
    }

    private static string Label(LeakOutcome outcome) => outcome switch
    {
        LeakOutcome.AutoRevocationStarted => "Revoked automatically",
        LeakOutcome.OwnerNotified => "Owner notified",
        LeakOutcome.Unmatched => "Unmatched",
        LeakOutcome.AlreadyInactive => "Already inactive",
    };

    private static Color ColorOf(LeakOutcome outcome) => outcome switch
    {
        LeakOutcome.AutoRevocationStarted => Color.Success,
        LeakOutcome.OwnerNotified => Color.Warning,
        LeakOutcome.Unmatched => Color.Error,
        LeakOutcome.AlreadyInactive => Color.Default,
    };
}
