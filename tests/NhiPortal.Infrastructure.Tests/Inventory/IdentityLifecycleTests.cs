using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Connectors;
using NhiPortal.Infrastructure.Revocation;

namespace NhiPortal.Infrastructure.Tests.Inventory;

/// <summary>
/// The identity lifecycle a person drives: decommission (every credential revoked through its connector, the record
/// kept, nothing new attached, final) and re-enable (Disabled only, by an operator, with a reason), each audited.
/// </summary>
public sealed class IdentityLifecycleTests : IAsyncLifetime
{
    private const string Store = "lifecycle-vault";
    private readonly Leaks.InstantConnector _connector = new(Store);
    private TestDatabase _database = null!;
    private TestPortal _portal = null!;
    private Guid _identity;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync();
        await _database.SeedDemoAsync();
        _portal = new TestPortal(_database, new ConnectorRegistry([_connector]), new RevocationOptions { Parallelism = 2, TimeoutSeconds = 5 }, runsOnRealTime: true);
        await using var db = _database.CreateDbContext();
        _identity = await db.Identities.Where(i => i.LifecycleState == IdentityLifecycleState.Active && i.Credentials.Count(c => c.State == CredentialState.Active) >= 2)
            .OrderBy(i => i.Name).Select(i => i.Id).FirstAsync();
        await db.Credentials.Where(c => c.IdentityId == _identity).ExecuteUpdateAsync(s => s.SetProperty(c => c.Store, Store));
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    private IRevocationService Revocation(PortalRole role = PortalRole.SecurityOperator) => _portal.As<IRevocationService>("demo-operator", role);

    private async Task<IdentityLifecycleState> StateAsync()
    {
        await using var db = _database.CreateDbContext();
        return await db.Identities.Where(i => i.Id == _identity).Select(i => i.LifecycleState).SingleAsync();
    }

    [Fact]
    public async Task Decommission_RevokesEveryCredentialThroughItsConnector_KeepsTheRecord_AndIsFinal()
    {
        int active;
        await using (var db = _database.CreateDbContext())
        {
            active = await db.Credentials.CountAsync(c => c.IdentityId == _identity && c.State == CredentialState.Active);
        }

        var runId = await Revocation().StartAsync(new RevocationRequest([], "INC-77 workload retired", _identity) { DecommissionIdentity = true });
        Assert.Equal(RevocationRunStatus.Completed, await _portal.Get<RevocationExecutor>().ExecuteAsync(runId));

        Assert.Equal(IdentityLifecycleState.Decommissioned, await StateAsync());
        Assert.Equal(active, _connector.Revoked.Count);
        await using (var db = _database.CreateDbContext())
        {
            Assert.Equal(0, await db.Credentials.CountAsync(c => c.IdentityId == _identity && c.State == CredentialState.Active));
            var decommissioned = await db.AuditEvents.SingleAsync(a => a.Type == AuditEventTypes.Identity.Decommissioned);
            Assert.Equal((AuditStream.Identity, AuditWriter.TargetKey(_identity), RevocationService.Correlation(runId)),
                (decommissioned.Stream, decommissioned.TargetId, decommissioned.CorrelationId));
            Assert.Contains("INC-77 workload retired", decommissioned.Summary, StringComparison.Ordinal);
        }
        // Final: no second decommission, no way back, no new credential.
        var again = await Assert.ThrowsAsync<ValidationException>(() => Revocation().StartAsync(new RevocationRequest([], "again", _identity) { DecommissionIdentity = true }));
        Assert.Contains("already decommissioned", again.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ValidationException>(() => _portal.As<IIdentityReenabler>("demo-operator", PortalRole.SecurityOperator).ReenableAsync(_identity, "bring it back"));
        await Assert.ThrowsAsync<ValidationException>(() => _portal.As<ICredentialRegistry>("demo-operator", PortalRole.SecurityOperator).RegisterAsync(new ManualCredentialDraft
        {
            IdentityId = _identity, Name = "late-key", Kind = CredentialKind.ApiKey, Purpose = "x", Store = Store, StoreReference = "late",
            Fingerprint = new string('a', 64), IssuedUtc = TestDatabase.Now.UtcDateTime,
        }));
        Assert.Equal(IdentityLifecycleState.Decommissioned, await StateAsync());
    }

    [Fact]
    public async Task Decommission_ByAReviewerOrForASelection_IsRefused_AndNothingChanges()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Revocation(PortalRole.Reviewer).StartAsync(new RevocationRequest([], "not mine to do", _identity) { DecommissionIdentity = true }));
        Guid one;
        await using (var db = _database.CreateDbContext())
        {
            one = await db.Credentials.Where(c => c.IdentityId == _identity && c.State == CredentialState.Active).Select(c => c.Id).FirstAsync();
        }
        var selection = await Assert.ThrowsAsync<ValidationException>(() =>
            Revocation().StartAsync(new RevocationRequest([one], "only one", _identity) { DecommissionIdentity = true }));

        Assert.Contains("every credential", selection.Message, StringComparison.Ordinal);
        Assert.Equal(IdentityLifecycleState.Active, await StateAsync());
        await using var check = _database.CreateDbContext();
        Assert.False(await check.RevocationRuns.AnyAsync());
        Assert.False(await check.AuditEvents.AnyAsync(a => a.Type == AuditEventTypes.Identity.Decommissioned));
    }

    [Fact]
    public async Task Decommission_NeedsTheManualConfirmationForStoresWithoutAConnector_AndClosesADisabledIdentityWithNothingLeft()
    {
        await using (var db = _database.CreateDbContext())
        {
            var one = await db.Credentials.Where(c => c.IdentityId == _identity && c.State == CredentialState.Active).Select(c => c.Id).FirstAsync();
            await db.Credentials.Where(c => c.Id == one).ExecuteUpdateAsync(s => s.SetProperty(c => c.Store, "no-connector-here"));
        }
        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            Revocation().StartAsync(new RevocationRequest([], "INC-79 retire", _identity) { DecommissionIdentity = true }));
        Assert.Contains("by hand", refused.Message, StringComparison.Ordinal);
        Assert.Equal(IdentityLifecycleState.Active, await StateAsync());

        var contained = await Revocation().StartAsync(new RevocationRequest([], "INC-79 containment", _identity, DisableIdentity: true, IncludeManual: true));
        await _portal.Get<RevocationExecutor>().ExecuteAsync(contained);
        Assert.Equal(IdentityLifecycleState.Disabled, await StateAsync());
        var retired = await Revocation().StartAsync(new RevocationRequest([], "INC-79 retire", _identity) { DecommissionIdentity = true });

        Assert.Equal(RevocationRunStatus.Completed, await _portal.Get<RevocationExecutor>().ExecuteAsync(retired));
        Assert.Equal(IdentityLifecycleState.Decommissioned, await StateAsync());
        await using var check = _database.CreateDbContext();
        Assert.Equal(0, await check.RevocationSteps.CountAsync(s => s.RunId == retired));
    }

    [Fact]
    public async Task Reenable_ADisabledIdentity_ByAnOperatorWithAReason_IsAudited_AndOnlyFromDisabled()
    {
        var operatorReenables = _portal.As<IIdentityReenabler>("demo-operator", PortalRole.SecurityOperator);
        var active = await Assert.ThrowsAsync<ValidationException>(() => operatorReenables.ReenableAsync(_identity, "it is fine"));
        Assert.Contains("already active", active.Message, StringComparison.Ordinal);
        var runId = await Revocation().StartAsync(new RevocationRequest([], "INC-78 containment", _identity, DisableIdentity: true));
        await _portal.Get<RevocationExecutor>().ExecuteAsync(runId);
        Assert.Equal(IdentityLifecycleState.Disabled, await StateAsync());
        int version;
        await using (var db = _database.CreateDbContext())
        {
            version = await db.Identities.Where(i => i.Id == _identity).Select(i => i.Version).SingleAsync();
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => _portal.As<IIdentityReenabler>("demo-reviewer", PortalRole.Reviewer).ReenableAsync(_identity, "please"));
        await Assert.ThrowsAsync<ValidationException>(() => operatorReenables.ReenableAsync(_identity, "  "));
        Assert.Equal(IdentityLifecycleState.Disabled, await StateAsync());
        await operatorReenables.ReenableAsync(_identity, "INC-78 closed: the key was never used");

        Assert.Equal(IdentityLifecycleState.Active, await StateAsync());
        await using var check = _database.CreateDbContext();
        var identity = await check.Identities.SingleAsync(i => i.Id == _identity);
        Assert.Equal((version + 1, false), (identity.Version, identity.StateFromSource));
        var reenabled = await check.AuditEvents.SingleAsync(a => a.Type == AuditEventTypes.Identity.Reenabled);
        Assert.Equal(("demo-operator", AuditWriter.TargetKey(_identity)), (reenabled.Actor, reenabled.TargetId));
        Assert.Contains("\"State\":\"Active\"", reenabled.AfterJson!, StringComparison.Ordinal);
        Assert.Contains("INC-78 closed", reenabled.Summary, StringComparison.Ordinal);
        // Its revoked credentials stay revoked.
        Assert.Equal(0, await check.Credentials.CountAsync(c => c.IdentityId == _identity && c.State == CredentialState.Active));
    }
}
