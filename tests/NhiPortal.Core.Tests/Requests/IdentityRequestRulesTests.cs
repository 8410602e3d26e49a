using NhiPortal.Core.Inventory;
using NhiPortal.Core.Requests;

namespace NhiPortal.Core.Tests.Requests;

public class IdentityRequestRulesTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 15, 30, 0, DateTimeKind.Utc);

    private static NewIdentity Valid => new("svc-ledger-export", IdentityKind.ServiceAccount, "Exports the ledger nightly", DeploymentEnvironment.Production,
        PrivilegeLevel.Medium, Guid.NewGuid(), null, new DateOnly(2027, 6, 30));

    [Fact]
    public void AValidRequest_HasNoProblem() => Assert.Empty(IdentityRequestRules.Validate(Valid, Now));

    [Fact]
    public void EveryProblem_IsNamed_AtOnce()
    {
        var problems = IdentityRequestRules.Validate(Valid with { Name = " ", Purpose = "x", OwnerId = Guid.Empty, Kind = (IdentityKind)99, EndsOn = new DateOnly(2026, 12, 1) }, Now);

        Assert.Equal(5, problems.Count);
        Assert.Contains(problems, p => p.Contains("name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("owner", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("has passed", StringComparison.Ordinal));
    }

    [Fact]
    public void ANameOrPurposeThatLooksLikeASecret_IsRefused()
    {
        Assert.NotEmpty(IdentityRequestRules.Validate(Valid with { Name = "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB" }, Now));
        Assert.NotEmpty(IdentityRequestRules.Validate(Valid with { Purpose = "token ghp_0123456789abcdefghijklmnopqrstuvwxyzAB" }, Now));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(IdentityEndDate.MaxAheadDays, true)]
    [InlineData(IdentityEndDate.MaxAheadDays + 1, false)]
    [InlineData(-1, false)]
    public void TheEnd_IsTodayOrLater_AndAtMostTheLimitAhead(int days, bool allowed) =>
        Assert.Equal(allowed, IdentityEndDate.Problem(DateOnly.FromDateTime(Now).AddDays(days), Now) is null);

    [Fact]
    public void AnEndDate_IsTheEndOfThatUtcDay_AndReadsBackAsTheSameDay()
    {
        var day = new DateOnly(2027, 3, 14);

        Assert.Equal(new DateTime(2027, 3, 15, 0, 0, 0, DateTimeKind.Utc), IdentityEndDate.EndOf(day));
        Assert.Equal(day, IdentityEndDate.DayOf(IdentityEndDate.EndOf(day)));
    }

    [Theory]
    [InlineData(true, false, false, true)]
    [InlineData(false, true, false, true)]
    [InlineData(true, true, true, false)]
    [InlineData(false, false, false, false)]
    public void ARequest_IsDecidedByAnOperatorOrTheTeamsLead_NeverByWhoAsked(bool operatorRole, bool lead, bool asked, bool mayDecide) =>
        Assert.Equal(mayDecide, IdentityRequestRules.MayDecide(operatorRole, lead, asked));
}
