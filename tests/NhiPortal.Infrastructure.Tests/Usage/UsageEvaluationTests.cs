using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Notifications;
using NhiPortal.Core.Usage;

namespace NhiPortal.Infrastructure.Tests.Usage;

public class UsageEvaluationTests
{
    [Fact]
    public async Task Evaluate_NewNetworkAfterLearning_FlagsOnce_WithAuditNotificationAndRescore()
    {
        await using var h = await UsageHarness.CreateAsync();
        await h.LearnAsync(15);
        Assert.Empty(await h.FlagsAsync());

        await h.UseAsync("192.168.7.9");
        var first = await h.Evaluation.EvaluateAsync();
        await h.UseAsync("192.168.7.10", count: 5);
        await h.Evaluation.EvaluateAsync();

        Assert.Equal(1, first.Flags);
        var flag = Assert.Single(await h.FlagsAsync());
        Assert.Equal((AnomalyRule.NewSourceNetwork, AnomalySeverity.Medium, "NHI2:2025 Secret Leakage", "192.168.7.0/24"),
            (flag.Rule, flag.Severity, flag.OwaspCategory, flag.EvidenceKey));
        Assert.Contains("192.168.7.9 (192.168.7.0/24)", flag.Explanation, StringComparison.Ordinal);
        Assert.Contains("\"KnownNetworks\":[\"10.0.0.0/24\"]", flag.EvidenceJson, StringComparison.Ordinal);
        await using var db = h.Database.CreateDbContext();
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.Type == AuditEventTypes.Credential.AnomalyFlagged && a.TargetId == Infrastructure.Audit.AuditWriter.TargetKey(h.CredentialId)));
        var ownerId = await db.StaffMembers.Where(s => s.Subject == h.OwnerSubject).Select(s => s.Id).SingleAsync();
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.RecipientId == ownerId && n.Kind == NotificationKinds.AnomalyFlagged));
        Assert.True(await db.Outbox.AnyAsync(o => o.Actor == "system:usage-evaluation"));

        await h.Portal.DrainAsync();
        var (_, credentials) = await h.Portal.As<IHygieneService>("demo-auditor", PortalRole.Auditor).ExplainIdentityAsync(h.IdentityId);
        var finding = credentials.Single(c => c.CredentialId == h.CredentialId).Score.Findings.Single(f => f.Factor == HygieneFactor.OpenAnomalies);
        Assert.Equal((15, OwaspNhiCategory.Nhi2SecretLeakage), (finding.Penalty, finding.Category));
    }

    [Fact]
    public async Task Evaluate_UseOfARevokedCredential_IsCritical_WithoutAnyLearningPeriod()
    {
        await using var h = await UsageHarness.CreateAsync();
        await using (var db = h.Database.CreateDbContext())
        {
            await db.Credentials.Where(c => c.Id == h.CredentialId).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.State, CredentialState.Revoked).SetProperty(c => c.StateChangedUtc, h.Now.AddDays(-2)));
        }

        await h.UseAsync("10.9.9.9");
        await h.Evaluation.EvaluateAsync();

        var flag = Assert.Single(await h.FlagsAsync());
        Assert.Equal((AnomalyRule.UseOfRevokedOrExpired, AnomalySeverity.Critical), (flag.Rule, flag.Severity));
        Assert.StartsWith("NHI1:2025", flag.OwaspCategory, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_TwoNetworksWithinMinutes_FlagsHigh_AndTheCursorSurvivesARestart()
    {
        await using var h = await UsageHarness.CreateAsync();
        await h.UseAsync("127.0.0.1");
        await h.Evaluation.EvaluateAsync();
        h.Database.Clock.Advance(TimeSpan.FromMinutes(3));

        await h.UseAsync("::1");
        // A fresh evaluator (as after a restart) continues from the stored cursor.
        var again = h.Portal.Create<Infrastructure.Usage.UsageEvaluation>();
        var result = await again.EvaluateAsync();

        Assert.Equal(1, result.Buckets);
        var flag = Assert.Single(await h.FlagsAsync());
        Assert.Equal((AnomalyRule.ImpossibleTravel, AnomalySeverity.High, "127.0.0.0/24|::1/128"), (flag.Rule, flag.Severity, flag.EvidenceKey));
    }

    [Fact]
    public async Task Evaluate_ReadsEachUseOnce_SoARepeatedPassChangesNothing()
    {
        await using var h = await UsageHarness.CreateAsync();
        await h.UseAsync("10.0.0.5", count: 7);

        var first = await h.Evaluation.EvaluateAsync();
        var second = await h.Evaluation.EvaluateAsync();

        Assert.Equal((1, 0), (first.Buckets, second.Buckets));
        await using var db = h.Database.CreateDbContext();
        var baseline = await db.UsageBaselines.SingleAsync(b => b.CredentialId == h.CredentialId);
        Assert.Equal(7L, baseline.LastDayCount);
        Assert.Equal(["10.0.0.0/24"], baseline.Networks);
    }

    [Fact]
    public async Task Evaluate_APassWithNothingToRead_LeavesACursorTheNextPassCanStartFrom()
    {
        await using var h = await UsageHarness.CreateAsync();
        var empty = await h.Evaluation.EvaluateAsync();

        await h.UseAsync("10.0.0.5");
        var next = await h.Evaluation.EvaluateAsync();

        Assert.Equal((0, 1), (empty.Buckets, next.Buckets));
    }
}
