using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Usage;

namespace NhiPortal.Infrastructure.Tests.Usage;

public class AnomalyTriageTests
{
    private static async Task<(UsageHarness, AnomalyFlag)> FlaggedAsync()
    {
        var h = await UsageHarness.CreateAsync();
        await h.LearnAsync(15);
        await h.UseAsync("172.16.4.4");
        await h.Evaluation.EvaluateAsync();
        return (h, (await h.FlagsAsync()).Single());
    }

    [Fact]
    public async Task MarkFalsePositive_TunesTheBaseline_SoTheSameNetworkNoLongerFlags_AndIsAudited()
    {
        var (h, flag) = await FlaggedAsync();
        await using var _ = h;

        await h.Operator.MarkFalsePositiveAsync(flag.Id, "Known failover subnet, INC-42");
        h.Database.Clock.Advance(TimeSpan.FromMinutes(20));
        await h.UseAsync("172.16.4.5");
        await h.Evaluation.EvaluateAsync();

        var flags = await h.FlagsAsync();
        Assert.Equal((AnomalyStatus.FalsePositive, "Known failover subnet, INC-42"), (flags.Single().Status, flags.Single().ResolutionReason));
        await using var db = h.Database.CreateDbContext();
        Assert.Contains("172.16.4.0/24", (await db.UsageBaselines.SingleAsync(b => b.CredentialId == h.CredentialId)).Networks);
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Type == AuditEventTypes.Credential.AnomalyFalsePositive && a.Actor == "demo-operator"));
    }

    [Fact]
    public async Task Triage_IsRefusedToReviewersAndAuditors_AndNeedsAReason()
    {
        var (h, flag) = await FlaggedAsync();
        await using var _ = h;

        await Assert.ThrowsAsync<AccessDeniedException>(() => h.Portal.As<IAnomalyTriage>(h.OwnerSubject, PortalRole.Reviewer).AcknowledgeAsync(flag.Id, "looked at it"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => h.Portal.As<IAnomalyTriage>("demo-auditor", PortalRole.Auditor).AcknowledgeAsync(flag.Id, "looked at it"));
        await Assert.ThrowsAsync<ValidationException>(() => h.Operator.AcknowledgeAsync(flag.Id, ""));
        await h.Operator.AcknowledgeAsync(flag.Id, "Seen, migration window");
        await Assert.ThrowsAsync<ValidationException>(() => h.Operator.AcknowledgeAsync(flag.Id, "Seen, migration window"));

        Assert.Equal(AnomalyStatus.Acknowledged, (await h.FlagsAsync()).Single().Status);
    }

    [Fact]
    public async Task Queries_AReviewerSeesOnlyFlagsOnTheirOwnIdentities_AndCountsGiveMeanTimeToDetect()
    {
        var (h, flag) = await FlaggedAsync();
        await using var _ = h;

        var owner = await h.Portal.As<IAnomalyQueries>(h.OwnerSubject, PortalRole.Reviewer).QueryAsync(new AnomalyFilter(), 0, 50);
        var stranger = await h.Portal.As<IAnomalyQueries>("someone-else", PortalRole.Reviewer).QueryAsync(new AnomalyFilter(), 0, 50);
        var counts = await h.Portal.As<IAnomalyQueries>("demo-operator", PortalRole.SecurityOperator).GetCountsAsync();
        var filtered = await h.Portal.As<IAnomalyQueries>("demo-operator", PortalRole.SecurityOperator)
            .QueryAsync(new AnomalyFilter { Severity = AnomalySeverity.Critical }, 0, 50);

        Assert.Equal(flag.Id, Assert.Single(owner.Rows).Id);
        Assert.Empty(stranger.Rows);
        Assert.Empty(filtered.Rows);
        Assert.Equal(1, counts.OpenBySeverity[AnomalySeverity.Medium]);
        Assert.Equal(flag.DetectedUtc - flag.ObservedUtc, counts.MeanTimeToDetect);
    }

    [Fact]
    public async Task MarkRevoked_RequiresARunThatRevokesTheFlagsCredential()
    {
        var (h, flag) = await FlaggedAsync();
        await using var _ = h;

        await Assert.ThrowsAsync<ValidationException>(() => h.Operator.MarkRevokedAsync(flag.Id, Guid.NewGuid()));
        var run = await h.Portal.As<Core.Revocation.IRevocationService>("demo-operator", PortalRole.SecurityOperator)
            .StartAsync(new Core.Revocation.RevocationRequest([flag.CredentialId], "INC-7 anomalous use", IncludeManual: true));
        await h.Operator.MarkRevokedAsync(flag.Id, run);

        var closed = (await h.FlagsAsync()).Single();
        Assert.Equal((AnomalyStatus.Revoked, (Guid?)run), (closed.Status, closed.RevocationRunId));
    }
}
