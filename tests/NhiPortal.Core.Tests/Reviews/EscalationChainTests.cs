using NhiPortal.Core.Reviews;

namespace NhiPortal.Core.Tests.Reviews;

public class EscalationChainTests
{
    private static readonly ReviewerCandidate Owner = new(Guid.NewGuid(), "Olive Owner", true, "Reviewer");
    private static readonly ReviewerCandidate Lead = new(Guid.NewGuid(), "Lee Lead", true, "Reviewer");
    private static readonly ReviewerCandidate Manager = new(Guid.NewGuid(), "Mona Manager", true, "Reviewer");
    private static readonly ReviewerCandidate Fallback = new(Guid.NewGuid(), "Fay Fallback", true, "SecurityOperator");
    private static readonly ReviewerCandidate Second = new(Guid.NewGuid(), "Sid Second", true, "SecurityOperator");
    private static readonly IReadOnlyList<ReviewerCandidate> Pool = [Fallback, Second];
    private static readonly HashSet<Guid> Nobody = [];

    [Fact]
    public void OwnersItem_MovesToTheLead_ThenTheManager_ThenThePool_OnePointAtATime()
    {
        var first = EscalationChain.Next(ReviewStageKind.Owner, 0, 1, Owner.Id, Lead, Manager, Pool, Nobody)!;
        Assert.Equal((Lead.Id, 1, false, "escalated: team lead"), (first.To!.Value, first.Step, first.ToPool, first.Rule));
        Assert.Null(EscalationChain.Next(ReviewStageKind.Owner, 1, 1, Lead.Id, Lead, Manager, Pool, Nobody));

        var second = EscalationChain.Next(ReviewStageKind.Owner, 1, 2, Lead.Id, Lead, Manager, Pool, Nobody)!;
        Assert.Equal((Manager.Id, 2), (second.To!.Value, second.Step));

        var third = EscalationChain.Next(ReviewStageKind.Owner, 2, 3, Manager.Id, Lead, Manager, Pool, Nobody)!;
        Assert.Equal((Fallback.Id, 3, true), (third.To!.Value, third.Step, third.ToPool));
        Assert.Null(EscalationChain.Next(ReviewStageKind.Owner, 3, 3, Fallback.Id, Lead, Manager, Pool, Nobody));
    }

    [Fact]
    public void ALateJob_MovesTheItemStraightToWhereItShouldBe()
    {
        var move = EscalationChain.Next(ReviewStageKind.Owner, 0, 3, Owner.Id, Lead, Manager, Pool, Nobody)!;

        Assert.Equal((Fallback.Id, 3, true), (move.To!.Value, move.Step, move.ToPool));
    }

    [Fact]
    public void TheCurrentReviewer_AndPeopleWhoCannotTakeIt_AreSkipped_AndTheRuleSaysWhy()
    {
        // The lead already has it (the owner left at the start); the manager left; the fallback may not (separation of duties).
        var gone = Manager with { Active = false };
        var move = EscalationChain.Next(ReviewStageKind.Owner, 0, 1, Lead.Id, Lead, gone, Pool, new HashSet<Guid> { Fallback.Id })!;

        Assert.Equal((Second.Id, 3, true), (move.To!.Value, move.Step, move.ToPool));
        Assert.Equal("escalated: fallback pool (skipped owner's manager Mona Manager: left; fallback Fay Fallback: separation of duties)", move.Rule);
    }

    [Fact]
    public void AManagerWhoCannotDecide_IsSkipped()
    {
        var auditor = Manager with { RolesAtLastSignIn = "Auditor" };

        var move = EscalationChain.Next(ReviewStageKind.Owner, 1, 2, Lead.Id, Lead, auditor, Pool, Nobody)!;

        Assert.Equal(Fallback.Id, move.To);
        Assert.Contains("Mona Manager: cannot decide", move.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void ANamedReviewersItem_GoesStraightToThePool_AndAFallbackWhoHasItKeepsIt()
    {
        var named = EscalationChain.Next(ReviewStageKind.Named, 0, 1, Owner.Id, Lead, Manager, Pool, Nobody)!;
        Assert.Equal((Fallback.Id, 3, true), (named.To!.Value, named.Step, named.ToPool));

        var held = EscalationChain.Next(ReviewStageKind.Owner, 0, 3, Second.Id, null, null, Pool, Nobody)!;
        Assert.Equal((Second.Id, true), (held.To!.Value, held.ToPool));
        Assert.Null(EscalationChain.Next(ReviewStageKind.Named, 0, 0, Owner.Id, Lead, Manager, Pool, Nobody));
    }

    [Fact]
    public void WhenNobodyInThePoolMayDecide_TheItemStays_AndTheRuleSaysToDelegate()
    {
        var move = EscalationChain.Next(ReviewStageKind.Owner, 2, 3, Owner.Id, null, null, Pool, new HashSet<Guid> { Fallback.Id, Second.Id })!;

        Assert.Null(move.To);
        Assert.True(move.ToPool);
        Assert.Contains("delegate it", move.Rule, StringComparison.Ordinal);
    }
}
