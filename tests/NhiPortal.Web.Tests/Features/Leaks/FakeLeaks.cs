using NhiPortal.Core.Common;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Leaks;

namespace NhiPortal.Web.Tests.Features.Leaks;

internal sealed class FakeLeaks : ILeakQueries, ILeakIntake
{
    public List<LeakRow> Rows { get; } = [];

    public List<(Guid Report, string Reason)> Revoked { get; } = [];

    public Task<Page<LeakRow>> ListAsync(LeakFilter filter, int skip, int take, CancellationToken ct = default) =>
        Task.FromResult(new Page<LeakRow>(Rows.Where(r => filter switch
        {
            LeakFilter.All => true,
            LeakFilter.Matched => r.CredentialId is not null,
            LeakFilter.Unmatched => r.CredentialId is null,
        }).ToList(), Rows.Count));

    public Task<LeakRow> GetAsync(Guid id, CancellationToken ct = default) => Task.FromResult(Rows.Single(r => r.Id == id));

    public Task<IReadOnlyList<LeakRow>> ListForIdentityAsync(Guid identityId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<LeakRow>>(Rows.Where(r => r.IdentityId == identityId).ToList());

    public Task<LeakReceipt> ReportAsync(LeakReportRequest request, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<Guid> RevokeNowAsync(Guid reportId, string reason, CancellationToken ct = default)
    {
        Revoked.Add((reportId, reason));
        return Task.FromResult(Guid.NewGuid());
    }

    public static LeakRow Row(bool matched, bool canRevoke = false) => new()
    {
        Id = Guid.NewGuid(), ReceivedUtc = new DateTime(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc), FoundUtc = null, Location = matched ? "https://git.example.org/app/config.yml" : "/home/ci/.env",
        Scanner = "gitleaks", ExternalId = null, FingerprintShort = "ab12cd34…ef56", CredentialId = matched ? Guid.NewGuid() : null, CredentialName = matched ? "svc-pay-key" : null,
        IdentityId = matched ? Guid.NewGuid() : null, IdentityName = matched ? "svc-pay" : null, Environment = matched ? DeploymentEnvironment.Staging : null,
        Outcome = matched ? LeakOutcome.OwnerNotified : LeakOutcome.Unmatched, Note = null, RevocationRunId = null, VerifiedRevokedUtc = null, ReportedByName = "scanner-bot",
        CanRevokeNow = canRevoke,
    };
}
