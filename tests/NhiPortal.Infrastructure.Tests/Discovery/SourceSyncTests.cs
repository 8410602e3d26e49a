using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Discovery;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Ownership;
using NhiPortal.Infrastructure.Discovery;

namespace NhiPortal.Infrastructure.Tests.Discovery;

public sealed class SourceSyncTests : IAsyncLifetime
{
    private static readonly PortalUser System = PortalUser.System("discovery");
    private TestDatabase _db = null!;
    private TestPortal _portal = null!;
    private readonly ScriptedSource _source = new();
    private Guid _ada;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateMigratedAsync();
        _portal = new TestPortal(_db, configure: s => s.AddSingleton(_source.Registry()));
        await using var seed = _db.CreateDbContext();
        var ada = new StaffMember { Subject = "idp|ada", DisplayName = "Ada Lovelace", Email = "ada.lovelace@example.org" };
        seed.StaffMembers.AddRange(ada,
            new StaffMember { Subject = "idp|op", DisplayName = "Olu Operator", Email = "op@example.org", PortalRoles = "SecurityOperator" },
            new StaffMember { Subject = "idp|grace", DisplayName = "Grace Hopper", Email = "grace@example.org" });
        await seed.SaveChangesAsync();
        _ada = ada.Id;
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _db.DisposeAsync();
    }

    private Task<DiscoveryRun> SyncAsync() => _portal.Get<SourceSync>().RunAsync(_source.Name, System);

    [Fact]
    public async Task AFirstRead_AddsDiscoveredIdentitiesWithoutOwners_ProposesExactHints_AndRecordsTheRun()
    {
        _source.Next = DiscoveryRead.Full([
            ScriptedSource.Account("svc-billing", owner: "uid=ada.lovelace,ou=people,dc=example,dc=org", groups: ["cn=billing-readers"]),
            ScriptedSource.Account("svc-batch", owner: "someone-unknown"),
        ]);

        var run = await SyncAsync();

        Assert.Equal(DiscoveryRunStatus.Succeeded, run.Status);
        Assert.Equal((2, 2, 0, 0), (run.Read, run.New, run.Changed, run.Gone));
        await using var db = _db.CreateDbContext();
        var billing = await db.Identities.Include(i => i.Credentials).SingleAsync(i => i.Name == "svc-billing");
        Assert.Null(billing.OwnerId);
        Assert.Equal(_ada, billing.ProposedOwnerId);
        Assert.Equal("corp-dir", billing.DiscoveredBy);
        Assert.Equal(["cn=billing-readers"], billing.Entitlements);
        var credential = Assert.Single(billing.Credentials);
        Assert.Equal(("corp-dir", CredentialState.Active), (credential.Store, credential.State));
        Assert.Null((await db.Identities.SingleAsync(i => i.Name == "svc-batch")).ProposedOwnerId);
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Type == AuditEventTypes.Identity.Discovered));
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Type == AuditEventTypes.Credential.Discovered));
        var state = await db.DiscoverySources.SingleAsync();
        Assert.Equal((DiscoveryRunStatus.Succeeded, run.Id), (state.LastStatus, state.LastRunId));
        Assert.NotNull(state.LastSuccessUtc);
        var detail = await _portal.As<IInventoryQueries>("idp|op", PortalRole.SecurityOperator).GetIdentityAsync(billing.Id);
        Assert.Equal(("corp-dir", "Ada Lovelace"), (detail.Discovery!.Source, detail.Discovery.ProposedOwnerName));
    }

    [Fact]
    public async Task ChangesAreAppliedWithObservedEvents_AndANewValueKeepsTheOldCredentialAsHistory()
    {
        _source.Next = DiscoveryRead.Full([ScriptedSource.Account("svc-a", groups: ["g1"])]);
        await SyncAsync();
        var expires = new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        _source.Next = DiscoveryRead.Full([ScriptedSource.Account("svc-a", groups: ["g1", "g2"], version: "2", expires: expires)]);

        var run = await SyncAsync();

        Assert.Equal((0, 1), (run.New, run.Changed));
        await using var db = _db.CreateDbContext();
        var identity = await db.Identities.Include(i => i.Credentials).SingleAsync(i => i.Name == "svc-a");
        Assert.Equal(["g1", "g2"], identity.Entitlements);
        var old = identity.Credentials.Single(c => c.State == CredentialState.Rotated);
        var current = identity.Credentials.Single(c => c.State == CredentialState.Active);
        Assert.Equal(old.Id, current.PredecessorId);
        Assert.Equal(expires, current.ExpiresUtc);
        Assert.Null(old.ExternalId);
        var observed = await db.AuditEvents.Where(e => e.Type == AuditEventTypes.Identity.ObservedChanged).Select(e => e.Summary).SingleAsync();
        Assert.Contains("observed in corp-dir", observed);
        Assert.Contains("g1, g2", observed);
    }

    [Fact]
    public async Task OnlyACompleteRead_MarksAccountsGone_AndGoneIsAMarkNotADelete()
    {
        _source.Next = DiscoveryRead.Full([ScriptedSource.Account("svc-a"), ScriptedSource.Account("svc-b")]);
        await SyncAsync();

        _source.Next = new DiscoveryRead([ScriptedSource.Account("svc-a")], Complete: false, []);
        var partial = await SyncAsync();
        Assert.Equal((DiscoveryRunStatus.Partial, 0), (partial.Status, partial.Gone));

        _source.Next = DiscoveryRead.Full([ScriptedSource.Account("svc-a")]);
        var complete = await SyncAsync();
        Assert.Equal(1, complete.Gone);
        await using var db = _db.CreateDbContext();
        var b = await db.Identities.Include(i => i.Credentials).SingleAsync(i => i.Name == "svc-b");
        Assert.NotNull(b.GoneFromSourceUtc);
        Assert.NotNull(Assert.Single(b.Credentials).GoneFromSourceUtc);
        Assert.Null((await db.Identities.SingleAsync(i => i.Name == "svc-a")).GoneFromSourceUtc);
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Type == AuditEventTypes.Identity.GoneFromSource));
    }

    [Fact]
    public async Task AnEntryTheSourceCouldNotRead_IsNotGone_AndAnAccountListedTwiceIsNotApplied()
    {
        _source.Next = DiscoveryRead.Full([ScriptedSource.Account("svc-a"), ScriptedSource.Account("svc-b")]);
        await SyncAsync();
        var a = ScriptedSource.Account("svc-a");
        _source.Next = DiscoveryRead.Full([a, a with { Name = "svc-a-copy" }], [new ObjectError(ScriptedSource.Account("svc-b").ExternalId, "pwdChangedTime is not a time")]);

        var run = await SyncAsync();

        Assert.Equal((0, 2), (run.Gone, run.Errors));
        Assert.Contains("Listed 2 times", run.ObjectErrorsJson);
        await using var db = _db.CreateDbContext();
        Assert.False(await db.Identities.AnyAsync(i => i.Name == "svc-a-copy"));
        Assert.False(await db.Identities.AnyAsync(i => i.GoneFromSourceUtc != null));
    }

    [Fact]
    public async Task AFailedRead_AppliesNothing_KeepsTheLastGoodData_AndMarksTheSourceStale()
    {
        _source.Next = DiscoveryRead.Full([ScriptedSource.Account("svc-a")]);
        await SyncAsync();
        _source.Failure = new DiscoverySourceException("The directory refused the bind (invalid credentials).");

        var run = await SyncAsync();

        Assert.Equal(DiscoveryRunStatus.Failed, run.Status);
        Assert.Contains("refused the bind", run.Error);
        await using var db = _db.CreateDbContext();
        Assert.Null((await db.Identities.SingleAsync(i => i.Name == "svc-a")).GoneFromSourceUtc);
        var state = await db.DiscoverySources.SingleAsync();
        Assert.Equal(DiscoveryRunStatus.Failed, state.LastStatus);
        Assert.True(SourceRow.StaleAt(_db.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromHours(1), state.LastSuccessUtc, state.LastStatus));
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Type == AuditEventTypes.Access.SyncFailed));
        var sources = await _portal.As<ISourceCatalog>("idp|op", PortalRole.SecurityOperator).GetSourcesAsync();
        Assert.True(Assert.Single(sources).IsStale);
    }

    [Fact]
    public async Task ASourceNeverOverrulesAPerson_TheDisagreementIsListed_AndClosesWhenTheSourceComesRound()
    {
        _source.Next = DiscoveryRead.Full([ScriptedSource.Account("svc-a", owner: "ada.lovelace@example.org")]);
        await SyncAsync();
        var id = await IdentityIdAsync("svc-a");
        await _portal.As<IDiscoveryCommands>("idp|op", PortalRole.SecurityOperator).ConfirmProposedOwnersAsync([id]);
        await using (var db = _db.CreateDbContext())
        {
            await db.Identities.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.LifecycleState, IdentityLifecycleState.Disabled));
        }

        _source.Next = DiscoveryRead.Full([ScriptedSource.Account("svc-a", owner: "grace@example.org")]);
        var run = await SyncAsync();

        Assert.Equal(2, run.Conflicts);
        await using (var db = _db.CreateDbContext())
        {
            var identity = await db.Identities.SingleAsync(i => i.Id == id);
            Assert.Equal((_ada, IdentityLifecycleState.Disabled), (identity.OwnerId!.Value, identity.LifecycleState));
        }
        var conflicts = await _portal.As<ISourceCatalog>("idp|op", PortalRole.SecurityOperator).GetOpenConflictsAsync();
        Assert.Equal(["owner", "state"], conflicts.Select(c => c.Field).Order());

        _source.Next = DiscoveryRead.Full([ScriptedSource.Account("svc-a", owner: "ada.lovelace@example.org", disabled: true)]);
        await SyncAsync();
        Assert.Empty(await _portal.As<ISourceCatalog>("idp|op", PortalRole.SecurityOperator).GetOpenConflictsAsync());
    }

    [Fact]
    public async Task ARevokedCredentialEnabledAgainInItsSource_IsACriticalFinding_TellingTheOperators()
    {
        _source.Next = DiscoveryRead.Full([ScriptedSource.Account("svc-a")]);
        await SyncAsync();
        await using (var db = _db.CreateDbContext())
        {
            await db.Credentials.ExecuteUpdateAsync(s => s.SetProperty(c => c.State, CredentialState.Revoked)
                .SetProperty(c => c.StateChangedUtc, new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc)));
        }

        // Someone set a new password after the revocation, and the account is enabled.
        _source.Next = DiscoveryRead.Full([ScriptedSource.Account("svc-a", version: "reset-by-someone", issued: new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc))]);
        await SyncAsync();
        await SyncAsync();

        var conflict = Assert.Single(await _portal.As<ISourceCatalog>("idp|op", PortalRole.SecurityOperator).GetOpenConflictsAsync());
        Assert.True(conflict.Critical);
        await using var check = _db.CreateDbContext();
        Assert.Equal(1, await check.AuditEvents.CountAsync(e => e.Type == AuditEventTypes.Credential.ReappearedEnabled));
        var operatorId = await check.StaffMembers.Where(s => s.Subject == "idp|op").Select(s => s.Id).SingleAsync();
        Assert.Equal([operatorId], await check.Notifications.Select(n => n.RecipientId).ToListAsync());
        Assert.Equal(CredentialState.Revoked, (await check.Credentials.SingleAsync()).State);
    }

    [Fact]
    public async Task AnIdentityDisabledInTheSource_FollowsTheSourceBothWays()
    {
        _source.Next = DiscoveryRead.Full([ScriptedSource.Account("svc-a", disabled: true)]);
        await SyncAsync();
        Assert.Equal(IdentityLifecycleState.Disabled, await StateAsync("svc-a"));

        _source.Next = DiscoveryRead.Full([ScriptedSource.Account("svc-a")]);
        await SyncAsync();

        Assert.Equal(IdentityLifecycleState.Active, await StateAsync("svc-a"));
    }

    [Fact]
    public async Task APersonsDisable_AfterTheSourceHadDisabledAndReEnabled_IsNotUndoneByTheSource()
    {
        _source.Next = DiscoveryRead.Full([ScriptedSource.Account("svc-a", disabled: true)]);
        await SyncAsync();
        _source.Next = DiscoveryRead.Full([ScriptedSource.Account("svc-a")]);
        await SyncAsync();
        await using (var db = _db.CreateDbContext())
        {
            await db.Identities.ExecuteUpdateAsync(s => s.SetProperty(i => i.LifecycleState, IdentityLifecycleState.Disabled));
        }

        var run = await SyncAsync();

        Assert.Equal(IdentityLifecycleState.Disabled, await StateAsync("svc-a"));
        Assert.Equal(1, run.Conflicts);
    }

    [Fact]
    public async Task LongNamesAlreadyTaken_AreCutToFit_WithTheSourceNamed()
    {
        var name = new string('n', 250);
        _source.Next = DiscoveryRead.Full([ScriptedSource.Account("svc-a", name: name), ScriptedSource.Account("svc-b", name: name)]);

        var run = await SyncAsync();

        Assert.Equal((DiscoveryRunStatus.Succeeded, 2), (run.Status, run.New));
        await using var db = _db.CreateDbContext();
        var names = await db.Identities.Select(i => i.Name).ToListAsync();
        Assert.Equal(2, names.Distinct().Count());
        Assert.All(names, n => Assert.True(n.Length <= 200, n));
        Assert.Contains(names, n => n.EndsWith("(corp-dir)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConfirmingProposedOwners_IsAllOrNothing_AndAudited()
    {
        _source.Next = DiscoveryRead.Full([ScriptedSource.Account("svc-a", owner: "Ada Lovelace"), ScriptedSource.Account("svc-b")]);
        await SyncAsync();
        var a = await IdentityIdAsync("svc-a");
        var b = await IdentityIdAsync("svc-b");
        var commands = _portal.As<IDiscoveryCommands>("idp|op", PortalRole.SecurityOperator);

        var refused = await Assert.ThrowsAsync<Core.Common.ValidationException>(() => commands.ConfirmProposedOwnersAsync([a, b]));
        Assert.Contains("svc-b has no proposed owner", refused.Message);
        Assert.Null(await OwnerAsync(a));

        Assert.Equal(1, await commands.ConfirmProposedOwnersAsync([a]));
        Assert.Equal(_ada, await OwnerAsync(a));
        await using var db = _db.CreateDbContext();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Type == AuditEventTypes.Identity.OwnerConfirmed));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _portal.As<IDiscoveryCommands>("idp|rev", PortalRole.Reviewer).ConfirmProposedOwnersAsync([b]));
    }

    [Fact]
    public async Task SyncNow_IsRunByTheJobUnderItsLease_OnBehalfOfThePersonWhoAsked()
    {
        var job = _portal.Get<DiscoveryJob>();
        _source.Next = DiscoveryRead.Full([ScriptedSource.Account("svc-a")]);
        Assert.Equal(1, await job.SyncDueAsync(CancellationToken.None));
        Assert.Equal(0, await job.SyncDueAsync(CancellationToken.None));

        await _portal.As<IDiscoveryCommands>("idp|op", PortalRole.SecurityOperator).RequestSyncAsync(_source.Name);
        Assert.Equal(1, await job.SyncDueAsync(CancellationToken.None));

        var runs = await _portal.As<ISourceCatalog>("idp|op", PortalRole.SecurityOperator).GetRunsAsync(_source.Name);
        Assert.Equal(["idp|op", "system:discovery"], runs.Select(r => r.TriggeredBy));
        Assert.Equal(2, _source.Reads);
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _portal.As<IDiscoveryCommands>("idp|aud", PortalRole.Auditor).RequestSyncAsync(_source.Name));
    }

    [Fact]
    public async Task AFailedSource_IsTriedAgainAfterAFewMinutes_NotOnlyAfterItsInterval()
    {
        var job = _portal.Get<DiscoveryJob>();
        _source.Failure = new DiscoverySourceException("unreachable");
        Assert.Equal(1, await job.SyncDueAsync(CancellationToken.None));
        _db.Clock.Advance(DiscoveryJob.RetryAfterFailure - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await job.SyncDueAsync(CancellationToken.None));

        _source.Failure = null;
        _db.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await job.SyncDueAsync(CancellationToken.None));
        // Healthy again: the next read waits for the whole interval (an hour).
        _db.Clock.Advance(DiscoveryJob.RetryAfterFailure);
        Assert.Equal(0, await job.SyncDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ALargeFirstRead_GoesThroughTheBulkPath_WithEveryEvent()
    {
        _source.Next = DiscoveryRead.Full(Enumerable.Range(0, 600).Select(n => ScriptedSource.Account($"svc-{n:000}")).ToList());

        var run = await SyncAsync();

        Assert.Equal(600, run.New);
        await using var db = _db.CreateDbContext();
        Assert.Equal(600, await db.Identities.CountAsync(i => i.DiscoveredBy == "corp-dir"));
        Assert.Equal(600, await db.Credentials.CountAsync(c => c.Store == "corp-dir" && c.IdentityId != null));
        Assert.Equal(1200, await db.AuditEvents.CountAsync(e => e.Type == AuditEventTypes.Identity.Discovered || e.Type == AuditEventTypes.Credential.Discovered));
        var loaded = await db.Identities.Include(i => i.Credentials).SingleAsync(i => i.Name == "svc-042");
        Assert.Equal(CredentialKind.Password, loaded.Credentials.Single().Kind);
        Assert.Equal(1, await db.Outbox.CountAsync());
        // A second identical read finds nothing new or changed.
        var again = await SyncAsync();
        Assert.Equal((0, 0, 0), (again.New, again.Changed, again.Gone));
    }

    private async Task<Guid> IdentityIdAsync(string name)
    {
        await using var db = _db.CreateDbContext();
        return await db.Identities.Where(i => i.Name == name).Select(i => i.Id).SingleAsync();
    }

    private async Task<Guid?> OwnerAsync(Guid id)
    {
        await using var db = _db.CreateDbContext();
        return await db.Identities.Where(i => i.Id == id).Select(i => i.OwnerId).SingleAsync();
    }

    private async Task<IdentityLifecycleState> StateAsync(string name)
    {
        await using var db = _db.CreateDbContext();
        return await db.Identities.Where(i => i.Name == name).Select(i => i.LifecycleState).SingleAsync();
    }
}
