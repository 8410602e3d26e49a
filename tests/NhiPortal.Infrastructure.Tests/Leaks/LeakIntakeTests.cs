using System.Text;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Dashboard;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Leaks;
using NhiPortal.Core.Notifications;
using NhiPortal.Core.Outbox;
using NhiPortal.Core.Revocation;

namespace NhiPortal.Infrastructure.Tests.Leaks;

public class LeakIntakeTests
{
    private static string NewSecret() => "lk_" + Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=') + Guid.NewGuid().ToString("N");

    private static LeakReportRequest Value(string secret, string? externalId = null) => new()
    {
        Secret = secret, Location = "https://git.example.org/payments/api/blob/4f2a9c1/config/app.yaml#L12", Scanner = "gitleaks", ExternalId = externalId,
        FoundUtc = TestDatabase.Now.UtcDateTime.AddHours(-2),
    };

    [Fact]
    public async Task ReportAsync_WithTheValue_KeepsOnlyItsFingerprint_NoByteOfTheDatabaseHoldsTheValue()
    {
        await using var h = await LeakHarness.CreateAsync();
        var secret = NewSecret();
        var (_, credentialId) = await h.CredentialAsync(DeploymentEnvironment.Staging, secret);
        var request = Value(secret, "GL-1");

        var receipt = await h.Operator.ReportAsync(request);
        await h.Portal.DrainAsync();

        Assert.Equal(credentialId, receipt.CredentialId);
        Assert.Equal(Fingerprint.OfSecret(secret).Short, receipt.FingerprintShort);
        Assert.DoesNotContain(secret, receipt.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, request.ToString(), StringComparison.Ordinal);
        var bytes = h.FileBytes();
        Assert.True(bytes.Length > 100_000);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)));
        // Nor the full fingerprint anywhere but the columns that hold fingerprints (the credential's and the report's).
        await using var db = h.Database.CreateDbContext();
        Assert.DoesNotContain(await db.AuditEvents.Select(a => a.Summary + a.AfterJson).ToListAsync(), t => t!.Contains(Fingerprint.OfSecret(secret).Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReportAsync_InProduction_StartsARunAfterTheOutbox_AsSystemLeaks_AndTheVerifiedTimeFeedsTheMeanTime()
    {
        await using var h = await LeakHarness.CreateAsync();
        var (first, second) = (NewSecret(), NewSecret());
        var (identityId, credentialId) = await h.CredentialAsync(DeploymentEnvironment.Production, first);
        var (_, otherId) = await h.CredentialAsync(DeploymentEnvironment.Production, second);

        var receipt = await h.Operator.ReportAsync(Value(first));
        var other = await h.Operator.ReportAsync(new LeakReportRequest { Fingerprint = Fingerprint.OfSecret(second).Value, Location = "s3://backups/env-dump.txt" });
        await using (var before = h.Database.CreateDbContext())
        {
            Assert.False(await before.RevocationRuns.AnyAsync(r => r.Id == receipt.RevocationRunId));
        }
        await h.Portal.DrainAsync();
        h.Database.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(RevocationRunStatus.Completed, await h.Executor.ExecuteAsync(receipt.RevocationRunId!.Value));
        h.Database.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(RevocationRunStatus.Completed, await h.Executor.ExecuteAsync(other.RevocationRunId!.Value));

        Assert.Equal((LeakOutcome.AutoRevocationStarted, identityId), (receipt.Outcome, receipt.IdentityId));
        await using var db = h.Database.CreateDbContext();
        var run = await db.RevocationRuns.Include(r => r.Steps).SingleAsync(r => r.Id == receipt.RevocationRunId);
        Assert.Equal("system:leaks", run.RequestedBy);
        Assert.Contains("demo-operator, who reported leak", run.RequestedByName, StringComparison.Ordinal);
        Assert.Equal((credentialId, RevocationStepStatus.Verified), (run.Steps.Single().CredentialId, run.Steps.Single().Status));
        Assert.Equal(CredentialState.Revoked, (await db.Credentials.SingleAsync(c => c.Id == otherId)).State);
        var row = await h.Queries.GetAsync(receipt.Id);
        Assert.Equal(TimeSpan.FromSeconds(60), row.TimeToVerifiedRevocation);
        Assert.False(row.CanRevokeNow);
        Assert.Equal(TimeSpan.FromSeconds(120), (await h.Queries.GetAsync(other.Id)).TimeToVerifiedRevocation);
        Assert.Equal(receipt.Id, Assert.Single(await h.Queries.ListForIdentityAsync(identityId)).Id);
        var metrics = await h.Portal.As<IDashboardQueries>("demo-admin", PortalRole.Administrator).GetProgrammeMetricsAsync();
        Assert.Equal((TimeSpan.FromSeconds(90), 2), (metrics!.MeanTimeLeakToRevocation, metrics.VerifiedLeakRevocations));
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Type == AuditEventTypes.Credential.LeakReported && a.Stream == AuditStream.Credential
            && a.TargetId == Infrastructure.Audit.AuditWriter.TargetKey(credentialId)));
        Assert.Contains(await db.Notifications.Where(n => n.RecipientId == h.OwnerId).Select(n => n.Title).ToListAsync(), t => t.Contains("is being revoked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReportAsync_AValueReusedInProduction_RevokesEveryProductionHolderInOneRun_AndTheResponseTimeStartsAtTheReport()
    {
        await using var h = await LeakHarness.CreateAsync();
        var secret = NewSecret();
        var (_, matched) = await h.CredentialAsync(DeploymentEnvironment.Production, secret);
        var (_, reused) = await h.CredentialAsync(DeploymentEnvironment.Production, secret);
        var (_, staging) = await h.CredentialAsync(DeploymentEnvironment.Staging, secret);

        var receipt = await h.Operator.ReportAsync(Value(secret));
        // The outbox starts the run 30 s after the report; the run takes 60 s more.
        h.Database.Clock.Advance(TimeSpan.FromSeconds(30));
        await h.Portal.DrainAsync();
        h.Database.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(RevocationRunStatus.Completed, await h.Executor.ExecuteAsync(receipt.RevocationRunId!.Value));

        await using var db = h.Database.CreateDbContext();
        var steps = await db.RevocationSteps.Where(s => s.RunId == receipt.RevocationRunId).Select(s => s.CredentialId).ToListAsync();
        Assert.Equal(new[] { matched, reused }.Order(), steps.Order());
        Assert.Equal(CredentialState.Active, (await db.Credentials.SingleAsync(c => c.Id == staging)).State);
        Assert.Contains("1 other credential(s) holding the same value are revoked in the same run", receipt.Note, StringComparison.Ordinal);
        Assert.Contains("1 other credential(s) hold the same value: revoke them too", receipt.Note, StringComparison.Ordinal);
        var metrics = await h.Portal.As<IDashboardQueries>("demo-admin", PortalRole.Administrator).GetProgrammeMetricsAsync();
        Assert.Equal((TimeSpan.FromSeconds(90), 1), (metrics!.MeanTimeToRespond, metrics.CompletedRevocationRuns));
    }

    [Fact]
    public async Task ReportAsync_InStaging_NotifiesOwnerAndOperators_WithoutARun_AndRevokeNowStartsOne()
    {
        await using var h = await LeakHarness.CreateAsync();
        var secret = NewSecret();
        var (_, credentialId) = await h.CredentialAsync(DeploymentEnvironment.Staging, secret);

        var receipt = await h.Operator.ReportAsync(Value(secret));
        await h.Portal.DrainAsync();

        Assert.Equal((LeakOutcome.OwnerNotified, null), (receipt.Outcome, receipt.RevocationRunId));
        await using (var db = h.Database.CreateDbContext())
        {
            Assert.False(await db.RevocationSteps.AnyAsync(s => s.CredentialId == credentialId));
            var told = await db.Notifications.Where(n => n.Kind == NotificationKinds.LeakReported).Select(n => new { n.RecipientId, n.Link }).ToListAsync();
            Assert.Equal(new[] { h.OwnerId, await h.StaffIdAsync("demo-operator"), await h.StaffIdAsync("demo-admin") }.Order(), told.Select(t => t.RecipientId).Order());
            Assert.All(told, t => Assert.Equal($"/leaks?report={receipt.Id:D}", t.Link));
        }
        Assert.True((await h.Queries.GetAsync(receipt.Id)).CanRevokeNow);
        await h.Portal.DrainAsync();
        await using (var again = h.Database.CreateDbContext())
        {
            Assert.Equal(3, await again.Notifications.CountAsync(n => n.Kind == NotificationKinds.LeakReported));
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => h.Portal.As<ILeakIntake>("demo-auditor", PortalRole.Auditor).RevokeNowAsync(receipt.Id, "INC-77 leaked key"));
        await Assert.ThrowsAsync<ValidationException>(() => h.Operator.RevokeNowAsync(receipt.Id, ""));
        var runId = await h.Operator.RevokeNowAsync(receipt.Id, "INC-77 leaked key in staging repo");
        await Assert.ThrowsAsync<ValidationException>(() => h.Operator.RevokeNowAsync(receipt.Id, "INC-77 leaked key in staging repo"));
        h.Database.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(RevocationRunStatus.Completed, await h.Executor.ExecuteAsync(runId));

        var row = await h.Queries.GetAsync(receipt.Id);
        Assert.Equal((runId, false, TimeSpan.FromMinutes(5)), (row.RevocationRunId!.Value, row.CanRevokeNow, row.TimeToVerifiedRevocation));
        await using var check = h.Database.CreateDbContext();
        Assert.Equal("demo-operator", (await check.RevocationRuns.SingleAsync(r => r.Id == runId)).RequestedBy);
    }

    [Fact]
    public async Task ReportAsync_UnknownFingerprint_IsListedAsUnmatched_AndAuditedInTheAccessStream()
    {
        await using var h = await LeakHarness.CreateAsync();
        var matched = NewSecret();
        await h.CredentialAsync(DeploymentEnvironment.Development, matched);

        var unmatched = await h.Operator.ReportAsync(new LeakReportRequest { Fingerprint = "sha256:" + Fingerprint.OfSecret(NewSecret()).Value, Location = "/home/ci/.env" });
        await h.Operator.ReportAsync(Value(matched));
        await h.Portal.DrainAsync();

        Assert.Equal((LeakOutcome.Unmatched, null), (unmatched.Outcome, unmatched.CredentialId));
        var rows = await h.Queries.ListAsync(LeakFilter.Unmatched, 0, 50);
        Assert.Equal(unmatched.Id, Assert.Single(rows.Rows).Id);
        Assert.Contains("shadow credential", rows.Rows[0].Note, StringComparison.Ordinal);
        Assert.DoesNotContain((await h.Queries.ListAsync(LeakFilter.Matched, 0, 50)).Rows, r => r.Id == unmatched.Id);
        Assert.Equal(2, (await h.Queries.ListAsync(LeakFilter.All, 0, 50)).TotalCount);
        await using var db = h.Database.CreateDbContext();
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Stream == AuditStream.Access && a.Type == AuditEventTypes.Access.UnmatchedLeakReported && a.TargetId == unmatched.Id.ToString("D")));
        Assert.True(await db.Notifications.AnyAsync(n => n.Kind == NotificationKinds.LeakReported && n.RecipientId == db.StaffMembers.Single(s => s.Subject == "demo-operator").Id));
    }

    [Fact]
    public async Task ReportAsync_RefusesASecretInTheLocation_BothOrNeither_AFutureTime_AndAKeyAsFingerprint()
    {
        await using var h = await LeakHarness.CreateAsync();

        var inLocation = await Assert.ThrowsAsync<ValidationException>(() => h.Operator.ReportAsync(new LeakReportRequest
        {
            Fingerprint = Fingerprint.OfSecret("x").Value, Location = "https://ci.example.org/build?token=ghp_1234567890abcdefghijABCDEFGHIJ123456",
        }));
        Assert.Contains("secret", inLocation.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ValidationException>(() => h.Operator.ReportAsync(new LeakReportRequest { Secret = "s3cret-value", Fingerprint = Fingerprint.OfSecret("s3cret-value").Value, Location = "repo/file.txt" }));
        await Assert.ThrowsAsync<ValidationException>(() => h.Operator.ReportAsync(new LeakReportRequest { Location = "repo/file.txt" }));
        await Assert.ThrowsAsync<ValidationException>(() => h.Operator.ReportAsync(Value(NewSecret()) with { FoundUtc = h.Now.AddHours(1) }));
        await Assert.ThrowsAsync<ValidationException>(() => h.Operator.ReportAsync(new LeakReportRequest { Fingerprint = "ghp_1234567890abcdefghijABCDEFGHIJ123456", Location = "repo/file.txt" }));
        var secret = NewSecret();
        var echoed = await Assert.ThrowsAsync<ValidationException>(() => h.Operator.ReportAsync(Value(secret) with { Location = $"repo/config.txt value {secret[..8]}" + secret[8..] }));
        Assert.DoesNotContain(secret, echoed.Message, StringComparison.Ordinal);

        await using var db = h.Database.CreateDbContext();
        Assert.False(await db.LeakReports.AnyAsync());
    }

    [Fact]
    public async Task ReportAsync_SameScannerAndAlertIdTwice_IsOneReport()
    {
        await using var h = await LeakHarness.CreateAsync();
        var secret = NewSecret();
        await h.CredentialAsync(DeploymentEnvironment.Staging, secret);

        var first = await h.Operator.ReportAsync(Value(secret, "GL-42"));
        var second = await h.Operator.ReportAsync(Value(secret, "GL-42"));
        var otherScanner = await h.Operator.ReportAsync(Value(secret, "GL-42") with { Scanner = "trufflehog" });

        Assert.Equal((first.Id, false, true), (second.Id, first.Duplicate, second.Duplicate));
        Assert.NotEqual(first.Id, otherScanner.Id);
        await using var db = h.Database.CreateDbContext();
        Assert.Equal(2, await db.LeakReports.CountAsync());
        Assert.Equal(2, await db.Outbox.CountAsync(o => o.Type == FollowUpTypes.LeakNotify));
    }

    [Fact]
    public async Task ReportAsync_AnAlertIdReusedForAnotherSecret_IsRefused_NotTakenForARepeat()
    {
        await using var h = await LeakHarness.CreateAsync();
        var first = NewSecret();
        var second = NewSecret();
        await h.CredentialAsync(DeploymentEnvironment.Staging, first);
        await h.CredentialAsync(DeploymentEnvironment.Staging, second);
        await h.Operator.ReportAsync(Value(first, "42"));

        // Alert numbers repeat across repositories: repo B's #42 is another leak, and must not be answered as "already reported".
        var reused = await Assert.ThrowsAsync<Core.Common.ValidationException>(() => h.Operator.ReportAsync(Value(second, "42")));
        var nameless = await Assert.ThrowsAsync<Core.Common.ValidationException>(() => h.Operator.ReportAsync(Value(second, "43") with { Scanner = null }));

        Assert.Contains("another secret", reused.Message, StringComparison.Ordinal);
        Assert.Contains("needs the scanner", nameless.Message, StringComparison.Ordinal);
        await using var db = h.Database.CreateDbContext();
        Assert.Equal(1, await db.LeakReports.CountAsync());
    }

    [Fact]
    public async Task ReportAsync_AnInactiveCredential_IsRecordedAndNotified_SayingTheOldValueMayStillWork_AndProductionWithoutAConnectorNotifies()
    {
        await using var h = await LeakHarness.CreateAsync();
        var (old, unconnected) = (NewSecret(), NewSecret());
        await h.CredentialAsync(DeploymentEnvironment.Production, old, state: CredentialState.Rotated);
        await h.CredentialAsync(DeploymentEnvironment.Production, unconnected, store: "vault");

        var inactive = await h.Operator.ReportAsync(Value(old));
        var manual = await h.Operator.ReportAsync(Value(unconnected));
        await h.Portal.DrainAsync();

        Assert.Equal(LeakOutcome.AlreadyInactive, inactive.Outcome);
        Assert.Contains("may still work elsewhere", inactive.Note, StringComparison.Ordinal);
        Assert.Equal((LeakOutcome.OwnerNotified, null), (manual.Outcome, manual.RevocationRunId));
        Assert.Contains("no connector", manual.Note, StringComparison.Ordinal);
        await using var db = h.Database.CreateDbContext();
        Assert.Equal(2, await db.Notifications.CountAsync(n => n.Kind == NotificationKinds.LeakReported && n.RecipientId == h.OwnerId));
        Assert.False(await db.RevocationRuns.AnyAsync(r => r.RequestedBy == "system:leaks"));
    }

    [Fact]
    public async Task Callers_WithoutTheCapability_AreRefused_AndTheRefusalIsAudited()
    {
        await using var h = await LeakHarness.CreateAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => h.Portal.As<ILeakIntake>("demo-reviewer", PortalRole.Reviewer).ReportAsync(Value(NewSecret())));
        await Assert.ThrowsAsync<AccessDeniedException>(() => h.Portal.As<ILeakIntake>("demo-auditor", PortalRole.Auditor).ReportAsync(Value(NewSecret())));
        await Assert.ThrowsAsync<AccessDeniedException>(() => h.Portal.As<ILeakQueries>("demo-reviewer", PortalRole.Reviewer).ListAsync(LeakFilter.All, 0, 10));
        var admin = await h.Portal.As<ILeakIntake>("demo-admin", PortalRole.Administrator).ReportAsync(Value(NewSecret()));

        Assert.Equal(LeakOutcome.Unmatched, admin.Outcome);
        await using var db = h.Database.CreateDbContext();
        Assert.Equal(2, await db.AuditEvents.CountAsync(a => a.Type == AuditEventTypes.Access.Refused && a.TargetType == "LeakReport"));
        Assert.Equal(1, await db.LeakReports.CountAsync());
    }
}
