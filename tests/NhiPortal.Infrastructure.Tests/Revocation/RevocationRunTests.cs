using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Connectors;
using NhiPortal.Infrastructure.Revocation;
using NhiPortal.Tests.Shared;

namespace NhiPortal.Infrastructure.Tests.Revocation;

public class RevocationRunTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly RevocationOptions Fast = new() { Parallelism = 4, TimeoutSeconds = 1, MaxAttempts = 2, BackoffMilliseconds = 10 };

    /// <summary>A connector whose behaviour per store reference the test decides: ok, refuse, hang, or still-alive after revoke.</summary>
    private sealed class ScriptedConnector(string name) : ICredentialConnector
    {
        public ConcurrentDictionary<string, string> Script { get; } = new();
        public ConcurrentDictionary<string, int> Calls { get; } = new();
        public string Name => name;
        public string Kind => "scripted";
        public bool CanRotate => false;
        public string Describe(CredentialRef credential) => $"scripted {credential.StoreReference}";

        public async Task<ConnectorResult> RevokeAsync(CredentialRef credential, CancellationToken ct)
        {
            Calls.AddOrUpdate(credential.StoreReference, 1, (_, n) => n + 1);
            switch (Script.GetValueOrDefault(credential.StoreReference, "ok"))
            {
                case "refuse": return ConnectorResult.Failed("403 forbidden by the store");
                case "hang": await Task.Delay(Timeout.Infinite, ct); return ConnectorResult.Failed("unreachable");
                default: return ConnectorResult.Ok("revoked");
            }
        }

        public Task<RotationResult> RotateAsync(CredentialRef credential, CancellationToken ct) => throw new NotSupportedException();

        public Task<ProbeResult> ProbeAsync(CredentialRef credential, CancellationToken ct) =>
            Task.FromResult(new ProbeResult(Script.GetValueOrDefault(credential.StoreReference) == "alive", "probed"));
    }

    private sealed record Harness(TestDatabase Database, TestPortal Portal, IRevocationService Service, RevocationExecutor Executor, Guid IdentityId) : IAsyncDisposable
    {
        public IRevocationRunQueries Runs => Portal.As<IRevocationRunQueries>("demo-operator", PortalRole.SecurityOperator);

        public async ValueTask DisposeAsync()
        {
            await Portal.DisposeAsync();
            await Database.DisposeAsync();
        }
    }

    private static async Task<Harness> HarnessAsync(IConnectorRegistry registry, string subject = "demo-operator", PortalRole role = PortalRole.SecurityOperator)
    {
        var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        Guid identity;
        await using (var db = database.CreateDbContext())
        {
            identity = await db.Identities.Where(i => i.LifecycleState == IdentityLifecycleState.Active).Select(i => i.Id).FirstAsync();
        }
        var portal = new TestPortal(database, registry, Fast, runsOnRealTime: true);
        return new Harness(database, portal, portal.As<IRevocationService>(subject, role), portal.Get<RevocationExecutor>(), identity);
    }

    /// <summary>Replaces the identity's credentials with fresh ones in the given store, one per reference.</summary>
    private static async Task<Guid[]> GiveCredentialsAsync(Harness h, string store, params string[] references)
    {
        await using var db = h.Database.CreateDbContext();
        await db.Credentials.Where(c => c.IdentityId == h.IdentityId).ExecuteUpdateAsync(s => s.SetProperty(c => c.State, CredentialState.Rotated));
        var credentials = references.Select(r => new Credential
        {
            Name = r, Kind = CredentialKind.Password, IdentityId = h.IdentityId, Purpose = "test", Store = store, StoreReference = r,
            Fingerprint = Fingerprint.OfSecret(r), IssuedUtc = TestDatabase.Now.UtcDateTime.AddDays(-1),
        }).ToList();
        db.Credentials.AddRange(credentials);
        await db.SaveChangesAsync();
        return credentials.Select(c => c.Id).ToArray();
    }

    [Fact]
    public async Task RevokeAll_ThroughRealPostgres_LocksEveryRoleOut_VerifiesIt_AndRecordsEachStep()
    {
        var roles = Enumerable.Range(1, 5).Select(i => $"svc_run_{i}").ToArray();
        var passwords = new Dictionary<string, string>();
        foreach (var role in roles)
        {
            passwords[role] = await postgres.Server.CreateLoginRoleAsync(role);
        }
        await using var registry = await TestConnectors.PostgresAsync(postgres.Server, "pg-prod");
        await using var h = await HarnessAsync(registry);
        var ids = await GiveCredentialsAsync(h, "pg-prod", roles);

        var preview = await h.Service.PreviewAsync(new RevocationRequest([], "INC-4711 leaked", h.IdentityId));
        Assert.Equal(5, preview.ThroughConnectors);
        Assert.All(preview.Items, i => Assert.Contains("NOLOGIN", i.Action, StringComparison.Ordinal));

        var runId = await h.Service.StartAsync(new RevocationRequest([], "INC-4711 leaked", h.IdentityId, DisableIdentity: true));
        Assert.Equal(RevocationRunStatus.Completed, await h.Executor.ExecuteAsync(runId));

        foreach (var role in roles)
        {
            Assert.NotNull(await postgres.Server.TryConnectAsync(role, passwords[role]));
        }
        var run = await h.Runs.GetRunAsync(runId);
        Assert.All(run.Steps, s => Assert.Equal(RevocationStepStatus.Verified, s.Status));
        Assert.NotNull(run.CompletedUtc);
        // The run page's reads: counts from one aggregate, steps a page at a time, equal to the whole run.
        var summary = await h.Runs.GetSummaryAsync(runId);
        Assert.Equal((5, 5, run.IdentityName), (summary.TotalSteps, summary.Count(RevocationStepStatus.Verified), summary.IdentityName));
        var first = await h.Runs.GetStepsAsync(runId, null, 2);
        var second = await h.Runs.GetStepsAsync(runId, first.Rows[^1].Id, 2);
        var third = await h.Runs.GetStepsAsync(runId, second.Rows[^1].Id, 2);
        Assert.Equal(run.Steps.Select(s => s.Id), first.Rows.Concat(second.Rows).Concat(third.Rows).Select(s => s.Id));
        Assert.Equal(5, first.TotalCount);
        await using var db = h.Database.CreateDbContext();
        Assert.Equal(5, await db.Credentials.CountAsync(c => ids.Contains(c.Id) && c.State == CredentialState.Revoked));
        Assert.Equal(IdentityLifecycleState.Disabled, (await db.Identities.SingleAsync(i => i.Id == h.IdentityId)).LifecycleState);
        var events = await db.AuditEvents.Where(a => a.CorrelationId == RevocationService.Correlation(runId)).ToListAsync();
        Assert.Equal(5, events.Count(e => e.Type == AuditEventTypes.Credential.RevokeRequested));
        Assert.Equal(5, events.Count(e => e.Type == AuditEventTypes.Credential.Revoked));
        Assert.Equal(5, events.Count(e => e.Type == AuditEventTypes.Credential.ProbeResult));
        Assert.Single(events, e => e.Type == AuditEventTypes.Identity.Disabled && e.Stream == AuditStream.Identity);
    }

    [Fact]
    public async Task RevokeAll_ARoleThePortalCannotFind_FailsItsStep_AndTheCredentialStaysActive()
    {
        var password = await postgres.Server.CreateLoginRoleAsync("svc_found");
        await using var registry = await TestConnectors.PostgresAsync(postgres.Server, "pg-prod");
        await using var h = await HarnessAsync(registry);
        // A typo and a case difference: neither role exists, so neither can be verified dead.
        var ids = await GiveCredentialsAsync(h, "pg-prod", "svc_found", "svc_fuond", "svc_Found");

        var runId = await h.Service.StartAsync(new RevocationRequest([], "INC-4712 wrong references", h.IdentityId));
        Assert.Equal(RevocationRunStatus.PartiallyFailed, await h.Executor.ExecuteAsync(runId));

        var run = await h.Runs.GetRunAsync(runId);
        Assert.Equal(RevocationStepStatus.Verified, run.Steps.Single(s => s.CredentialId == ids[0]).Status);
        foreach (var missing in ids[1..])
        {
            var step = run.Steps.Single(s => s.CredentialId == missing);
            Assert.Equal(RevocationStepStatus.Failed, step.Status);
            Assert.Contains("not found: cannot verify", step.Detail, StringComparison.Ordinal);
        }
        await using var db = h.Database.CreateDbContext();
        Assert.Equal(CredentialState.Revoked, (await db.Credentials.SingleAsync(c => c.Id == ids[0])).State);
        Assert.Equal(2, await db.Credentials.CountAsync(c => ids.Contains(c.Id) && c.State == CredentialState.Active));
        var failed = await db.AuditEvents.Where(a => a.CorrelationId == RevocationService.Correlation(runId) && a.Type == AuditEventTypes.Credential.RevokeFailed).ToListAsync();
        Assert.Equal(2, failed.Count);
        Assert.NotNull(await postgres.Server.TryConnectAsync("svc_found", password));
    }

    [Fact]
    public async Task RevokeAll_ARoleOutsideTheConnectorsAllowList_IsRefusedAndAudited()
    {
        var password = await postgres.Server.CreateLoginRoleAsync("payroll_owner");
        await using var registry = await TestConnectors.PostgresAsync(postgres.Server, "pg-prod");
        await using var h = await HarnessAsync(registry);
        var ids = await GiveCredentialsAsync(h, "pg-prod", "payroll_owner");

        var runId = await h.Service.StartAsync(new RevocationRequest([], "INC-4713 aimed at the wrong role", h.IdentityId));
        Assert.Equal(RevocationRunStatus.PartiallyFailed, await h.Executor.ExecuteAsync(runId));

        var step = (await h.Runs.GetRunAsync(runId)).Steps.Single();
        Assert.Equal(RevocationStepStatus.Failed, step.Status);
        Assert.Contains("refused: outside what connector \"pg-prod\" may manage", step.Detail, StringComparison.Ordinal);
        await using var db = h.Database.CreateDbContext();
        Assert.Equal(CredentialState.Active, (await db.Credentials.SingleAsync(c => c.Id == ids[0])).State);
        var failed = await db.AuditEvents.SingleAsync(a => a.CorrelationId == RevocationService.Correlation(runId) && a.Type == AuditEventTypes.Credential.RevokeFailed);
        Assert.Contains("refused", failed.Summary, StringComparison.Ordinal);
        Assert.Null(await postgres.Server.TryConnectAsync("payroll_owner", password));
    }

    [Fact]
    public async Task Faults_RefusalTimeoutAndAliveProbe_AreFailuresWithReasons_AndARetryRunsOnlyThose()
    {
        var scripted = new ScriptedConnector("vault-x");
        await using var h = await HarnessAsync(new ConnectorRegistry([scripted]));
        await GiveCredentialsAsync(h, "vault-x", "ok-1", "ok-2", "refuses", "hangs", "alive");
        scripted.Script["refuses"] = "refuse";
        scripted.Script["hangs"] = "hang";
        scripted.Script["alive"] = "alive";

        var runId = await h.Service.StartAsync(new RevocationRequest([], "INC-9 half the store is down", h.IdentityId));
        Assert.Equal(RevocationRunStatus.PartiallyFailed, await h.Executor.ExecuteAsync(runId));

        var run = await h.Runs.GetRunAsync(runId);
        Assert.Equal(RevocationStepStatus.Verified, StepOf(run, "ok-1").Status);
        Assert.Equal(RevocationStepStatus.Verified, StepOf(run, "ok-2").Status);
        Assert.Equal((RevocationStepStatus.Failed, 2), (StepOf(run, "refuses").Status, StepOf(run, "refuses").Attempts));
        Assert.Contains("403", StepOf(run, "refuses").Detail, StringComparison.Ordinal);
        Assert.Contains("did not answer within 1 s", StepOf(run, "hangs").Detail, StringComparison.Ordinal);
        Assert.Equal(RevocationStepStatus.ProbeFailed, StepOf(run, "alive").Status);
        Assert.Contains("STILL SUCCEEDS", StepOf(run, "alive").Detail, StringComparison.Ordinal);
        await using (var db = h.Database.CreateDbContext())
        {
            // A credential whose probe still succeeds is not marked revoked.
            Assert.Equal(CredentialState.Active, (await db.Credentials.SingleAsync(c => c.StoreReference == "alive" && c.IdentityId == h.IdentityId)).State);
        }

        // The store recovers; a retry touches only the three open steps.
        scripted.Script.Clear();
        var okCallsBefore = scripted.Calls["ok-1"];
        await h.Service.RetryAsync(runId);
        Assert.Equal(RevocationRunStatus.Completed, await h.Executor.ExecuteAsync(runId));
        Assert.Equal(okCallsBefore, scripted.Calls["ok-1"]);
        var retried = await h.Runs.GetRunAsync(runId);
        Assert.All(retried.Steps, s => Assert.Equal(RevocationStepStatus.Verified, s.Status));
        Assert.Equal(2, retried.Executions);
        // Attempts add up across executions: two refused, then one that worked.
        Assert.Equal(3, StepOf(retried, "refuses").Attempts);
        await Assert.ThrowsAsync<ValidationException>(() => h.Service.RetryAsync(runId));
    }

    private static RevocationStepView StepOf(RevocationRunView run, string name) => run.Steps.Single(s => s.CredentialName == name);

    [Fact]
    public async Task ARunWhoseInstanceDied_IsTakenOverByALiveInstance_AndFinishesOnlyItsOpenSteps()
    {
        var scripted = new ScriptedConnector("vault-x");
        await using var h = await HarnessAsync(new ConnectorRegistry([scripted]));
        await GiveCredentialsAsync(h, "vault-x", "a", "b", "c");
        var runId = await h.Service.StartAsync(new RevocationRequest([], "INC-10 takeover test", h.IdentityId));
        await using (var db = h.Database.CreateDbContext())
        {
            // As the dead instance left it: running, one step done, heartbeat ten minutes old.
            await db.RevocationRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RevocationRunStatus.Running)
                .SetProperty(r => r.Holder, "dead-instance").SetProperty(r => r.HeartbeatUtc, TestDatabase.Now.UtcDateTime.AddMinutes(-10)));
            var first = await db.RevocationSteps.Where(s => s.RunId == runId).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            await db.RevocationSteps.Where(s => s.Id == first).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, RevocationStepStatus.Verified));
        }
        var live = h.Portal.Create<RevocationWorker>();

        Assert.Equal(1, await live.TakeOverAsync(default));

        var run = await h.Runs.GetRunAsync(runId);
        Assert.Equal(RevocationRunStatus.Completed, run.Status);
        Assert.Equal(2, scripted.Calls.Values.Sum());
        Assert.Empty(await live.OrphanedRunsAsync(default));
    }

    [Fact]
    public async Task ARunHeldByALiveInstance_IsNotTakenOver()
    {
        var scripted = new ScriptedConnector("vault-x");
        await using var h = await HarnessAsync(new ConnectorRegistry([scripted]));
        await GiveCredentialsAsync(h, "vault-x", "a");
        var runId = await h.Service.StartAsync(new RevocationRequest([], "INC-12 live holder", h.IdentityId));
        await using (var db = h.Database.CreateDbContext())
        {
            await db.RevocationRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RevocationRunStatus.Running)
                .SetProperty(r => r.Holder, "live-instance").SetProperty(r => r.HeartbeatUtc, DateTime.UtcNow));
        }

        Assert.Equal(0, await h.Portal.Create<RevocationWorker>().TakeOverAsync(default));

        Assert.Equal(RevocationRunStatus.Running, (await h.Runs.GetRunAsync(runId)).Status);
        Assert.Empty(scripted.Calls);
    }

    [Fact]
    public async Task Unconnected_Credentials_NeedTheManualConfirmation_AndNothingIsWrittenWithoutIt()
    {
        await using var h = await HarnessAsync(new ConnectorRegistry([]));
        await GiveCredentialsAsync(h, "legacy-ftp", "ftp-password");
        await using (var db = h.Database.CreateDbContext())
        {
            var before = await db.AuditEvents.CountAsync();
            var ex = await Assert.ThrowsAsync<ValidationException>(() => h.Service.StartAsync(new RevocationRequest([], "INC-11 manual", h.IdentityId)));
            Assert.Contains("legacy-ftp", ex.Message, StringComparison.Ordinal);
            Assert.Equal(before, await db.AuditEvents.CountAsync());
            Assert.False(await db.RevocationRuns.AnyAsync());
        }

        var runId = await h.Service.StartAsync(new RevocationRequest([], "INC-11 manual", h.IdentityId, IncludeManual: true));
        Assert.Equal(RevocationRunStatus.Completed, await h.Executor.ExecuteAsync(runId));
        var step = Assert.Single((await h.Runs.GetRunAsync(runId)).Steps);
        Assert.Equal((RevocationStepStatus.Revoked, "manual"), (step.Status, step.Connector));
    }

    [Fact]
    public async Task AReviewer_IsRefused_AndTheRefusalIsAudited()
    {
        await using var h = await HarnessAsync(new ConnectorRegistry([]), "demo-reviewer", PortalRole.Reviewer);

        await Assert.ThrowsAsync<AccessDeniedException>(() => h.Service.StartAsync(new RevocationRequest([], "INC-12 not mine", h.IdentityId)));

        await using var db = h.Database.CreateDbContext();
        var refused = await db.AuditEvents.SingleAsync(a => a.Type == AuditEventTypes.Access.Refused && a.Actor == "demo-reviewer");
        Assert.Equal(AuditStream.Access, refused.Stream);
        Assert.False(await db.RevocationRuns.AnyAsync());
    }

    [Fact]
    public async Task ABulkSelectionAcrossIdentities_RunsInBatches_AndEveryStepIsRecorded()
    {
        var scripted = new ScriptedConnector("vault-x");
        await using var h = await HarnessAsync(new ConnectorRegistry([scripted]));
        Guid[] ids;
        await using (var db = h.Database.CreateDbContext())
        {
            // 1,500 active credentials of many identities move to the connected store.
            ids = await db.Credentials.Where(c => c.State == CredentialState.Active && c.IdentityId != null).OrderBy(c => c.Id).Take(1_500).Select(c => c.Id).ToArrayAsync();
            await db.Credentials.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.Store, "vault-x"));
        }
        Assert.Equal(1_500, ids.Length);

        var runId = await h.Service.StartAsync(new RevocationRequest(ids, "INC-14 mass leak from a CI cache"));
        Assert.Equal(RevocationRunStatus.Completed, await h.Executor.ExecuteAsync(runId));

        await using var check = h.Database.CreateDbContext();
        Assert.Equal(1_500, await check.RevocationSteps.CountAsync(s => s.RunId == runId && s.Status == RevocationStepStatus.Verified));
        Assert.Equal(1_500, await check.Credentials.CountAsync(c => ids.Contains(c.Id) && c.State == CredentialState.Revoked));
        Assert.Equal(1_500, await check.AuditEvents.CountAsync(a => a.CorrelationId == RevocationService.Correlation(runId) && a.Type == AuditEventTypes.Credential.Revoked));
        Assert.Equal(1_500, scripted.Calls.Count);
    }

    [Fact]
    public async Task UnknownCredentialIds_AreRefused_WithNothingWritten()
    {
        await using var h = await HarnessAsync(new ConnectorRegistry([]));
        await Assert.ThrowsAsync<NotFoundException>(() => h.Service.StartAsync(new RevocationRequest([Guid.NewGuid()], "INC-13 typo", IncludeManual: true)));
        await using var db = h.Database.CreateDbContext();
        Assert.False(await db.RevocationRuns.AnyAsync());
    }
}
