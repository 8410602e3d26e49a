using Microsoft.AspNetCore.Components;
using MudBlazor;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Ownership;

namespace NhiPortal.Web.Features.Inventory;

/// <summary>The server-side identities grid shared by Identities, Orphans and My identities.</summary>
public partial class IdentityGrid
{
    private MudDataGrid<IdentityRow>? _grid;
    private IdentityFilter? _loadedFilter;
    private int _total;
    private string? _error;
    private int _attestationWindowDays = 90;

    /// <summary>What to show; a new filter reloads the first page.</summary>
    [Parameter, EditorRequired] public IdentityFilter Filter { get; set; } = new();

    /// <summary>Rows can be ticked for a bulk action.</summary>
    [Parameter] public bool Selectable { get; set; }

    /// <summary>Raised with the ticked rows.</summary>
    [Parameter] public EventCallback<HashSet<IdentityRow>> SelectionChanged { get; set; }

    /// <summary>Show why each identity is an orphan.</summary>
    [Parameter] public bool ShowOrphanReason { get; set; }

    /// <summary>When set, each row gets an "Attest" button that calls it.</summary>
    [Parameter] public Func<IdentityRow, Task>? AttestAction { get; set; }

    public Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFilter is not null && _loadedFilter != Filter)
        {
            await ReloadAsync();
        }
    }

    private async Task<GridData<IdentityRow>> LoadAsync(GridState<IdentityRow> state, CancellationToken ct)
    {
        _loadedFilter = Filter;
        var sort = state.SortDefinitions.FirstOrDefault();
        var request = new PageRequest(state.Page * state.PageSize, state.PageSize, SortKey(sort?.SortBy), sort?.Descending ?? false);
        try
        {
            var page = await Inventory.QueryIdentitiesAsync(Filter, request, ct);
            _attestationWindowDays = await Inventory.GetAttestationWindowDaysAsync(ct);
            _total = page.TotalCount;
            _error = null;
            return new GridData<IdentityRow> { Items = page.Rows, TotalItems = page.TotalCount };
        }
        catch (AccessDeniedException ex)
        {
            _error = ex.Message;
            return new GridData<IdentityRow> { Items = [], TotalItems = 0 };
        }
    }

    private Task OnSelectedItemsChanged(HashSet<IdentityRow> rows) => SelectionChanged.InvokeAsync(rows);

    private Color AttestationColor(DateTime? lastAttested) =>
        OwnershipRules.AttestationStatusAt(lastAttested, Clock.GetUtcNow().UtcDateTime, _attestationWindowDays) switch
        {
            AttestationStatus.Never or AttestationStatus.Overdue => Color.Error,
            AttestationStatus.DueSoon => Color.Warning,
            AttestationStatus.Current => Color.Success,
        };

    private static string? SortKey(string? column) => column switch
    {
        nameof(IdentityRow.Name) => IdentitySort.Name,
        nameof(IdentityRow.Kind) => IdentitySort.Kind,
        nameof(IdentityRow.Environment) => IdentitySort.Environment,
        nameof(IdentityRow.LastActivityUtc) => IdentitySort.LastActivity,
        nameof(IdentityRow.LastAttestedUtc) => IdentitySort.LastAttested,
        nameof(IdentityRow.CreatedUtc) => IdentitySort.Created,
        nameof(IdentityRow.HygieneScore) => IdentitySort.Score,
        _ => null,
    };
}
