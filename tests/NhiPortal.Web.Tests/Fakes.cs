using NhiPortal.Core.Common;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Ownership;

namespace NhiPortal.Web.Tests;

/// <summary>In-memory stand-ins for the feature services, so component tests check rendering and wiring only.</summary>
internal sealed class FakeInventory : IInventoryQueries
{
    public List<IdentityRow> Identities { get; } = [];

    public List<IdentityFilter> Filters { get; } = [];

    public List<StaffOption> Staff { get; } = [];

    public Task<Page<IdentityRow>> QueryIdentitiesAsync(IdentityFilter filter, PageRequest page, CancellationToken ct = default)
    {
        Filters.Add(filter);
        var rows = Identities.Where(r => !filter.OrphansOnly || r.OrphanReason != OrphanReason.None).ToList();
        return Task.FromResult(new Page<IdentityRow>(rows.Skip(page.SafeSkip).Take(page.SafeTake).ToList(), rows.Count));
    }

    public Task<IdentityDetail> GetIdentityAsync(Guid id, CancellationToken ct = default) => throw new NotFoundException($"Identity {id}");

    public Task<Page<CredentialRow>> QueryCredentialsAsync(CredentialFilter filter, PageRequest page, CancellationToken ct = default) =>
        Task.FromResult(new Page<CredentialRow>([], 0));

    public Task<IReadOnlyList<TeamOption>> GetTeamsAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<TeamOption>>([new TeamOption(Guid.NewGuid(), "Payments", false)]);

    public Task<IReadOnlyList<StaffOption>> SearchStaffAsync(string? term, bool activeOnly, int take = 20, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<StaffOption>>(Staff.Where(s => term is null || s.DisplayName.Contains(term, StringComparison.OrdinalIgnoreCase)).ToList());

    public Task<Page<StaffRow>> QueryStaffAsync(string? search, bool? active, PageRequest page, CancellationToken ct = default) =>
        Task.FromResult(new Page<StaffRow>([], 0));

    public static IdentityRow Row(string name, Guid? ownerId = null, bool ownerActive = true, string? owner = "Ada") => new(
        Guid.NewGuid(), name, IdentityKind.ServiceAccount, DeploymentEnvironment.Production, IdentityLifecycleState.Active, PrivilegeLevel.High,
        "Payments", false, ownerId, ownerId is null ? null : owner, ownerActive, false, false, false,
        new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), null, null, 2, new DateTime(2025, 2, 1, 0, 0, 0, DateTimeKind.Utc));
}

internal sealed class FakeOwnership : IOwnershipService
{
    public List<OwnerChange> Changes { get; } = [];

    public Task<OwnerChangeResult> ChangeOwnerAsync(OwnerChange change, CancellationToken ct = default)
    {
        Changes.Add(change);
        return Task.FromResult(new OwnerChangeResult(change.IdentityIds.Count, 0, "test"));
    }

    public Task<DateTime> AttestAsync(Guid identityId, CancellationToken ct = default) => Task.FromResult(DateTime.UtcNow);

    public Task<int> MarkStaffLeftAsync(Guid staffId, string reason, CancellationToken ct = default) => Task.FromResult(0);
}
