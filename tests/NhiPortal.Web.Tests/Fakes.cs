using NhiPortal.Core.Common;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Ownership;

namespace NhiPortal.Web.Tests;

/// <summary>In-memory stand-ins for the feature services, so component tests check rendering and wiring only.</summary>
internal sealed class FakeInventory : IInventoryQueries
{
    public List<IdentityRow> Identities { get; } = [];

    public List<IdentityFilter> Filters { get; } = [];

    public int AttestationWindowDays { get; set; } = 90;

    public Task<int> GetAttestationWindowDaysAsync(CancellationToken ct = default) => Task.FromResult(AttestationWindowDays);

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
        new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), null, null, 2, new DateTime(2025, 2, 1, 0, 0, 0, DateTimeKind.Utc), 72);
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

internal sealed class FakeHygiene : NhiPortal.Core.Hygiene.IHygieneService
{
    public NhiPortal.Core.Hygiene.HygieneDashboard Dashboard { get; set; } = Sample();

    public static NhiPortal.Core.Hygiene.HygieneDashboard Sample() => new()
    {
        OrganisationScore = 71.4,
        OrganisationGrade = NhiPortal.Core.Hygiene.HygieneGrade.C,
        ScoredCredentials = 5_761,
        Grades = new Dictionary<NhiPortal.Core.Hygiene.HygieneGrade, int>
        {
            [NhiPortal.Core.Hygiene.HygieneGrade.A] = 1_000, [NhiPortal.Core.Hygiene.HygieneGrade.B] = 2_000,
            [NhiPortal.Core.Hygiene.HygieneGrade.C] = 1_500, [NhiPortal.Core.Hygiene.HygieneGrade.D] = 900, [NhiPortal.Core.Hygiene.HygieneGrade.F] = 361,
        },
        Categories = new Dictionary<NhiPortal.Core.Hygiene.OwaspNhiCategory, int>
        {
            [NhiPortal.Core.Hygiene.OwaspNhiCategory.Nhi7LongLivedSecrets] = 3_210, [NhiPortal.Core.Hygiene.OwaspNhiCategory.Nhi9NhiReuse] = 44,
        },
        Teams = [new NhiPortal.Core.Hygiene.TeamHygiene(Guid.NewGuid(), "Payments", 700, 55.2, new Dictionary<NhiPortal.Core.Hygiene.HygieneGrade, int>())],
        WorstIdentities = [new NhiPortal.Core.Hygiene.WorstIdentity(Guid.NewGuid(), "svc-worst", 12, "Payments", "Ada")],
        Trend = [new(new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc), 70.1, 1), new(new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc), 71.4, 1)],
        StaticCredentials = 5_000,
        DynamicCredentials = 761,
        LastRescoredUtc = new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc),
    };

    public Task<NhiPortal.Core.Hygiene.HygienePolicyView> GetPolicyAsync(CancellationToken ct = default) =>
        Task.FromResult(new NhiPortal.Core.Hygiene.HygienePolicyView(NhiPortal.Core.Hygiene.HygienePolicy.Default, []));

    public Task<int> SavePolicyAsync(NhiPortal.Core.Hygiene.HygienePolicy policy, string note, CancellationToken ct = default) => Task.FromResult(2);

    public Task<NhiPortal.Core.Hygiene.RescoreResult> RescoreAsync(CancellationToken ct = default) =>
        Task.FromResult(new NhiPortal.Core.Hygiene.RescoreResult(0, 0, 100, TimeSpan.Zero));

    public Task<NhiPortal.Core.Hygiene.HygieneDashboard> GetDashboardAsync(CancellationToken ct = default) => Task.FromResult(Dashboard);

    public Task<(NhiPortal.Core.Hygiene.HygieneScore? Identity, IReadOnlyList<NhiPortal.Core.Hygiene.CredentialHygiene> Credentials)> ExplainIdentityAsync(
        Guid identityId, CancellationToken ct = default) =>
        Task.FromResult<(NhiPortal.Core.Hygiene.HygieneScore?, IReadOnlyList<NhiPortal.Core.Hygiene.CredentialHygiene>)>((null, []));
}
